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
/// A synchronous call in the arm a bool parameter or local named for the mode picks, where another arm awaits (or returns a
/// task), is the sync half of that pair, never a blocking-call diagnostic. The mode may also be an enum whose
/// members name it (MySqlConnector's <c>IOBehavior</c>):
/// <code>
/// if (ioBehavior == IOBehavior.Asynchronous) await s.WaitAsync(ct); else s.Wait(ct);
/// switch (mode) { case IoMode.Async: await …; break; default: …; break; }
/// </code>
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

                case IConditionalOperation conditional when IsModeTest(conditional.Condition):
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

                case ISwitchOperation @switch when IsModeValue(@switch.Value):
                    foreach (var section in @switch.Cases)
                    {
                        if (!section.Descendants().Contains(operation) && IsAsyncArm(section))
                        {
                            return true;
                        }
                    }

                    break;

                case ISwitchExpressionOperation @switch when IsModeValue(@switch.Value):
                    foreach (var arm in @switch.Arms)
                    {
                        if (!ReferenceEquals(arm, child) && IsAsyncArm(arm.Value))
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
                && IsModeTest(guard.Condition)
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

    /// <summary>A test of the mode: a bool flag, or an enum mode compared with a member that names it, possibly negated or combined.</summary>
    private static bool IsModeTest(IOperation? condition) => condition switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => IsModeTest(not.Operand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary
            => IsModeTest(binary.LeftOperand) || IsModeTest(binary.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
            => IsEnumModeComparison(comparison.LeftOperand, comparison.RightOperand) || IsEnumModeComparison(comparison.RightOperand, comparison.LeftOperand)
               || IsAsyncCapabilityNullTest(comparison.LeftOperand, comparison.RightOperand) || IsAsyncCapabilityNullTest(comparison.RightOperand, comparison.LeftOperand)
               || IsTokenPresenceTest(comparison.LeftOperand, comparison.RightOperand) || IsTokenPresenceTest(comparison.RightOperand, comparison.LeftOperand),
        IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern
            => IsEnumModeComparison(pattern.Value, constant.Value) || IsAsyncCapabilityNullTest(pattern.Value, constant.Value) || IsTokenPresenceTest(pattern.Value, constant.Value),
        IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern
            => IsEnumModeComparison(pattern.Value, constant.Value) || IsAsyncCapabilityNullTest(pattern.Value, constant.Value) || IsTokenPresenceTest(pattern.Value, constant.Value),
        IPropertyReferenceOperation { Property.Name: "HasValue", Instance: IParameterReferenceOperation token } => IsModeToken(token.Parameter),
        IConversionOperation { IsImplicit: true } conversion => IsModeTest(conversion.Operand),
        _ => IsBoolFlag(condition),
    };

    /// <summary>
    /// <c>adapter.CreateWriterAsync != null</c>: a delegate named for the mode, tested for null. A provider that may or may not
    /// offer the async half hands it over as a delegate; <c>if (it != null) return await …;</c> then the synchronous fallback
    /// is the same choice as a mode flag. A delegate named for something else (<c>onProgress != null</c>) is not.
    /// </summary>
    private static bool IsAsyncCapabilityNullTest(IOperation value, IOperation constant)
        => WithoutConversion(constant) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
           && WithoutConversion(value) switch
           {
               IFieldReferenceOperation field => IsModeDelegate(field.Field.Type, field.Field.Name),
               IPropertyReferenceOperation { Property.IsIndexer: false } property => IsModeDelegate(property.Property.Type, property.Property.Name),
               ILocalReferenceOperation local => IsModeDelegate(local.Local.Type, local.Local.Name),
               IParameterReferenceOperation parameter => IsModeDelegate(parameter.Parameter.Type, parameter.Parameter.Name),
               _ => false,
           };

    private static bool IsModeDelegate(ITypeSymbol type, string name) => type.TypeKind == TypeKind.Delegate && NamesTheMode(name);

    /// <summary><c>ct != null</c>, <c>ct is null</c>: the presence of a mode token (<see cref="IsModeToken"/>).</summary>
    private static bool IsTokenPresenceTest(IOperation value, IOperation constant)
        => WithoutConversion(constant) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
           && WithoutConversion(value) is IParameterReferenceOperation token
           && IsModeToken(token.Parameter);

    /// <summary>
    /// A <c>CancellationToken?</c> parameter of a private or internal method, whose presence picks the mode (SharpZipLib's
    /// <c>WriteHeaderSyncOrAsync(…, CancellationToken? ct)</c>: <c>if (ct.HasValue) await …Async(ct.Value); else …;</c>, with
    /// <c>null</c> from the synchronous callers). A public method's async callers could reach the synchronous arm.
    /// </summary>
    private static bool IsModeToken(IParameterSymbol parameter)
        => parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: { Length: 1 } arguments } && arguments[0].Name == "CancellationToken"
           && parameter.ContainingSymbol is IMethodSymbol { DeclaredAccessibility: Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal } or IMethodSymbol { MethodKind: MethodKind.LocalFunction };

    /// <summary>The value a <c>switch</c> chooses the mode by: a bool flag, or an enum mode one of whose members names the mode.</summary>
    private static bool IsModeValue(IOperation value)
        => IsBoolFlag(value)
           || (WithoutConversion(value).Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType
               && IsModeHolder(WithoutConversion(value), enumType)
               && HasModeMember(enumType));

    /// <summary><c>ioBehavior == IOBehavior.Asynchronous</c>: a held enum value against a constant member named for the mode.</summary>
    private static bool IsEnumModeComparison(IOperation value, IOperation constant)
        => WithoutConversion(constant) is IFieldReferenceOperation { Field: { HasConstantValue: true, ContainingType: { TypeKind: TypeKind.Enum } enumType } member }
           && IsModeMemberName(member.Name)
           && IsModeHolder(WithoutConversion(value), enumType);

    /// <summary>
    /// Where a mode is kept: a parameter, a local, or a field or property (of this object or of an options object). The enum's
    /// member names the mode, so the holder's name need not; the comparison with a constant member is not state of a task or stream.
    /// </summary>
    private static bool IsModeHolder(IOperation value, INamedTypeSymbol enumType)
        => value is IParameterReferenceOperation or ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }
           && SymbolEqualityComparer.Default.Equals(value.Type, enumType);

    private static bool HasModeMember(INamedTypeSymbol enumType)
    {
        foreach (var name in enumType.MemberNames)
        {
            if (IsModeMemberName(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An enum member named for the mode: one of its words is Async, Asynchronous, Sync or Synchronous (<c>Asynchronous</c>,
    /// <c>SyncOnly</c>, <c>UseAsync</c>). Not a state that merely contains the letters (<c>SyncState.Synced</c>, <c>Syncing</c>).
    /// </summary>
    private static bool IsModeMemberName(string name)
    {
        foreach (var part in name.Split('_'))
        {
            // SCREAMING_CASE parts are one word each; PascalCase parts split before each capital.
            if (IsModeWord(part))
            {
                return true;
            }

            var start = 0;
            for (var i = 1; i <= part.Length; i++)
            {
                if (i == part.Length || StartsWord(part, i))
                {
                    if (IsModeWord(part.Substring(start, i - start)))
                    {
                        return true;
                    }

                    start = i;
                }
            }
        }

        return false;
    }

    /// <summary>A capital after a small letter (<c>use|Async</c>), or the last capital of an acronym before a small letter (<c>IO|Async</c>).</summary>
    private static bool StartsWord(string part, int i)
        => char.IsUpper(part[i]) && (!char.IsUpper(part[i - 1]) || (i + 1 < part.Length && char.IsLower(part[i + 1])));

    private static bool IsModeWord(string word)
        => word.Equals("Async", System.StringComparison.OrdinalIgnoreCase)
           || word.Equals("Asynchronous", System.StringComparison.OrdinalIgnoreCase)
           || word.Equals("Sync", System.StringComparison.OrdinalIgnoreCase)
           || word.Equals("Synchronous", System.StringComparison.OrdinalIgnoreCase);

    private static IOperation WithoutConversion(IOperation operation)
        => operation is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operation;

    /// <summary>A bool parameter, local, field or property, possibly negated or combined with <c>&amp;&amp;</c>/<c>||</c>.</summary>
    private static bool IsBoolFlag(IOperation? condition) => condition switch
    {
        // A flag named for the mode (async, isAsync, useAsync, sync): a bool named for something else (highQuality, retry,
        // selected) chooses between two behaviours, and the arm that does not await may block as much as any code.
        IParameterReferenceOperation parameter => parameter.Parameter.Type.SpecialType == SpecialType.System_Boolean && NamesTheMode(parameter.Parameter.Name),
        ILocalReferenceOperation local => local.Local.Type.SpecialType == SpecialType.System_Boolean && NamesTheMode(local.Local.Name),

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
