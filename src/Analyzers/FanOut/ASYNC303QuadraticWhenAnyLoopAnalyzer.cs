using System.Collections.Immutable;
using AsyncLint.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>
/// ASYNC303: <c>while (tasks.Count &gt; 0) { var t = await Task.WhenAny(tasks); tasks.Remove(t); ... }</c> is O(n²);
/// where the compilation has Task.WhenEach (.NET 9+), <c>await foreach (var t in Task.WhenEach(tasks))</c> is O(n).
/// Silent where WhenEach does not exist (also on one target of a project whose other targets lack it), and for work
/// queues that add tasks inside the loop.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC303QuadraticWhenAnyLoopAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The level of <see cref="FrameworkTwinHistory"/> that brought Task.WhenEach (.NET 9).</summary>
    private const int WhenEachLevel = 5;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC303);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            // Also silent in a project built for a framework without WhenEach too (net8.0;net10.0): the replacement would
            // not compile for that target, and the target that has it sees the same loop.
            var fanOut = symbols.Family(static s => new FanOutSymbols(s));
            if (!fanOut.HasWhenEach || FrameworkTwinHistory.OldestTargetLevel(start.Options) < WhenEachLevel)
            {
                return;
            }

            start.RegisterOperationAction(context => Analyze(context, fanOut), OperationKind.Loop);
        });
    }

    private static void Analyze(OperationAnalysisContext context, FanOutSymbols symbols)
    {
        if (context.Operation is not IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } condition, Body: IBlockOperation body } loop
            || NonEmptyTest(condition) is not { } tasks)
        {
            return;
        }

        IInvocationOperation? whenAny = null;
        ILocalSymbol? completed = null;
        var removes = 0;
        var firstStatementIsWhenAny = false;
        for (var i = 0; i < body.Operations.Length; i++)
        {
            var statement = body.Operations[i];
            if (whenAny is null && WhenAnyDeclaration(statement, tasks, symbols.Symbols) is { } found)
            {
                whenAny = found.Invocation;
                completed = found.Local;
                firstStatementIsWhenAny = i == 0;
                continue;
            }

            if (completed is not null && IsRemove(statement, tasks, completed))
            {
                removes++;
            }
        }

        if (whenAny is null || completed is null || removes != 1)
        {
            return;
        }

        // Any other use of the list inside the loop: a work queue that grows (Add), or reads that need the list.
        var otherUses = 0;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation or IParameterReferenceOperation && Variable(operation).Is(tasks))
            {
                otherUses++;
            }
        }

        // WhenAny's argument and Remove's receiver are the two expected uses.
        if (otherUses != 2 || WrittenIn(body, completed))
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (!firstStatementIsWhenAny || tasks is not ILocalSymbol || UsedAfter(loop, tasks))
        {
            // WhenEach leaves the list as it was; the loop empties it. Only a local nobody reads afterwards may change.
            properties[DiagnosticProperties.NoFix] = "the list is a parameter or read after the loop, or the loop does work before WhenAny";
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ASYNC303,
            whenAny.Syntax.GetLocation(),
            properties.ToImmutable(),
            tasks.Name));
    }

    /// <summary><c>tasks.Count &gt; 0</c>, <c>tasks.Count != 0</c>, <c>0 &lt; tasks.Count</c>, <c>tasks.Count &gt;= 1</c>, <c>tasks.Any()</c>, <c>tasks.Count() &gt; 0</c>: the local, else null.</summary>
    private static ISymbol? NonEmptyTest(IOperation condition)
    {
        condition = Independence.Unwrap(condition);
        if (condition is IInvocationOperation { TargetMethod.Name: "Any", Arguments.Length: 1 } any && any.TargetMethod.IsExtensionMethod)
        {
            return Variable(any.Arguments[0].Value);
        }

        if (condition is not IBinaryOperation binary)
        {
            return null;
        }

        var left = Independence.Unwrap(binary.LeftOperand);
        var right = Independence.Unwrap(binary.RightOperand);
        var (count, constant, kind) = right.ConstantValue.HasValue
            ? (left, right.ConstantValue.Value, binary.OperatorKind)
            : (right, left.ConstantValue.Value, Mirror(binary.OperatorKind));
        var nonEmpty = (kind, constant) switch
        {
            (BinaryOperatorKind.GreaterThan, 0) => true,
            (BinaryOperatorKind.NotEquals, 0) => true,
            (BinaryOperatorKind.GreaterThanOrEqual, 1) => true,
            _ => false,
        };
        if (!nonEmpty)
        {
            return null;
        }

        return count switch
        {
            IPropertyReferenceOperation { Property.Name: "Count", Instance: { } instance } => Variable(instance),
            IInvocationOperation { TargetMethod.Name: "Count", Arguments.Length: 1 } call when call.TargetMethod.IsExtensionMethod
                => Variable(call.Arguments[0].Value),
            _ => null,
        };
    }

    /// <summary>The local or parameter a value reads, else null.</summary>
    private static ISymbol? Variable(IOperation value) => Independence.Unwrap(value) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => kind,
    };

    /// <summary><c>var t = await Task.WhenAny(tasks)</c> (optionally with ConfigureAwait).</summary>
    private static (IInvocationOperation Invocation, ILocalSymbol Local)? WhenAnyDeclaration(IOperation statement, ISymbol tasks, AsyncSymbols symbols)
    {
        if (statement is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Initializer.Value: { } value } declarator
            || Independence.Unwrap(value) is not IAwaitOperation await
            || Independence.StartedInvocation(await, symbols) is not { TargetMethod.Name: "WhenAny", Arguments.Length: 1 } invocation
            || !invocation.TargetMethod.ContainingType.Is(symbols.Task)
            || !Variable(invocation.Arguments[0].Value).Is(tasks))
        {
            return null;
        }

        return (invocation, declarator.Symbol);
    }

    /// <summary><c>tasks.Remove(t);</c>.</summary>
    private static bool IsRemove(IOperation statement, ISymbol tasks, ILocalSymbol completed)
        => statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Remove", Arguments.Length: 1 } remove }
           && remove.Instance is { } receiver && Variable(receiver).Is(tasks)
           && Independence.Unwrap(remove.Arguments[0].Value) is ILocalReferenceOperation argument && argument.Local.Is(completed);

    private static bool WrittenIn(IOperation body, ILocalSymbol local)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target } && target.Local.Is(local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Is the list read after the loop (where the original leaves only the tasks a <c>break</c> skipped)?</summary>
    private static bool UsedAfter(IOperation loop, ISymbol tasks)
    {
        var end = loop.Syntax.Span.End;
        foreach (var operation in AsyncContext.MemberRoot(loop).DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation or IParameterReferenceOperation && Variable(operation).Is(tasks) && operation.Syntax.SpanStart >= end)
            {
                return true;
            }
        }

        return false;
    }
}
