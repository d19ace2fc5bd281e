using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// The deliberate dual sync/async code path: libraries that offer both APIs share one implementation
/// chosen by a <c>bool</c> (<c>async</c>, <c>isAsync</c>, <c>useAsync</c>, …):
/// <code>
/// if (async) await s.ReadAsync(b); else s.Read(b);
/// var n = async ? await s.ReadAsync(b) : s.Read(b);
/// return async ? ReadAsync() : new ValueTask&lt;int&gt;(Read());
/// if (async) { await FlushAsync(); return; }  Flush();
/// </code>
/// A synchronous call in the arm a bool parameter or local picks, where another arm awaits (or returns a
/// task), is the sync half of that pair, never a blocking-call diagnostic.
/// </summary>
internal static class DualCodePath
{
    public static bool IsInSyncArm(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;

                case IConditionalOperation conditional when IsBoolFlag(conditional.Condition):
                    var otherArm = ReferenceEquals(child, conditional.WhenTrue) ? conditional.WhenFalse
                        : ReferenceEquals(child, conditional.WhenFalse) ? conditional.WhenTrue
                        : null;
                    if (otherArm is not null && IsAsyncArm(otherArm))
                    {
                        return true;
                    }

                    // if (!async) { Flush(); return; } await FlushAsync(); — the awaiting half follows the guard.
                    if (conditional.WhenFalse is null && ReferenceEquals(child, conditional.WhenTrue) && ExitsAtEnd(conditional.WhenTrue)
                        && conditional.Parent is IBlockOperation parentBlock && AwaitsAfter(parentBlock, conditional))
                    {
                        return true;
                    }

                    break;

                case ISwitchOperation @switch when IsBoolFlag(@switch.Value):
                    foreach (var section in @switch.Cases)
                    {
                        if (!section.Descendants().Contains(operation) && IsAsyncArm(section))
                        {
                            return true;
                        }
                    }

                    break;

                case IBlockOperation block when child is not null && PrecededByAsyncEarlyExit(block, child):
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>if (async) { await …; return; }</c> before the statement: the rest of the block is the sync arm.</summary>
    private static bool PrecededByAsyncEarlyExit(IBlockOperation block, IOperation statement)
    {
        foreach (var previous in block.Operations)
        {
            if (ReferenceEquals(previous, statement))
            {
                return false;
            }

            if (previous is IConditionalOperation { WhenFalse: null } guard
                && IsBoolFlag(guard.Condition)
                && !IsNegated(guard.Condition)
                && ExitsAtEnd(guard.WhenTrue)
                && IsAsyncArm(guard.WhenTrue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A statement after <paramref name="statement"/> in <paramref name="block"/> awaits.</summary>
    private static bool AwaitsAfter(IBlockOperation block, IOperation statement)
    {
        var after = false;
        foreach (var operation in block.Operations)
        {
            if (after && IsAsyncArm(operation))
            {
                return true;
            }

            after |= ReferenceEquals(operation, statement);
        }

        return false;
    }

    /// <summary>A bool parameter, local, field or property, possibly negated or combined with <c>&amp;&amp;</c>/<c>||</c>.</summary>
    private static bool IsBoolFlag(IOperation? condition) => condition switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter.Type.SpecialType == SpecialType.System_Boolean,
        ILocalReferenceOperation local => local.Local.Type.SpecialType == SpecialType.System_Boolean,

        // The flag kept by the object itself (a useAsync field, an IsAsync property of this): the same choice, made at
        // construction. Not a member of another object (task.IsCompleted, stream.CanSeek): those are state, not a mode.
        // A member must say that it is the mode (…Async…, …Sync…): a fixture's IsSequential or a client's IsConnected
        // is another axis, whose branches may both do I/O.
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field
            => field.Field.Type.SpecialType == SpecialType.System_Boolean && NamesTheMode(field.Field.Name),
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property
            => property.Property.Type.SpecialType == SpecialType.System_Boolean && NamesTheMode(property.Property.Name),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsBoolFlag(not.Operand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary
            => IsBoolFlag(binary.LeftOperand) || IsBoolFlag(binary.RightOperand),
        IConversionOperation { IsImplicit: true } conversion => IsBoolFlag(conversion.Operand),
        _ => false,
    };

    private static bool NamesTheMode(string name) => name.IndexOf("sync", System.StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsNegated(IOperation condition) => condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not };

    /// <summary>The arm awaits something, or produces a task (<c>return async ? ReadAsync() : …</c>).</summary>
    private static bool IsAsyncArm(IOperation arm)
    {
        if (arm is IAwaitOperation || ProducesAwaitable(arm))
        {
            return true;
        }

        foreach (var descendant in arm.Descendants())
        {
            switch (descendant)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    continue;
                case IAwaitOperation:
                case IReturnOperation { ReturnedValue: { } returned } when ProducesAwaitable(returned):
                    return true;
            }
        }

        return false;
    }

    private static bool ProducesAwaitable(IOperation operation)
        => operation.Type is INamedTypeSymbol type && HasGetAwaiter(type) && operation is not IConversionOperation { Operand.Type: null };

    private static bool HasGetAwaiter(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("GetAwaiter"))
        {
            if (member is IMethodSymbol { Parameters.Length: 0, IsStatic: false })
            {
                return true;
            }
        }

        return false;
    }

    private static bool ExitsAtEnd(IOperation branch)
    {
        var last = branch is IBlockOperation block && block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1] : branch;
        return last is IReturnOperation or IThrowOperation
            || last is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue or BranchKind.GoTo }
            || last is IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
