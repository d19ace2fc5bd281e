using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A function body from which no exception can escape: a guard — a <c>try</c> whose catch-all (<c>catch</c>,
/// <c>catch (Exception)</c>, no filter) and <c>finally</c> never throw, or a worker loop on a plain condition whose body
/// is guarded in turn — with only quiet steps before it (a local set to a literal, <c>using var _ = field;</c>,
/// <c>if (stopping) return;</c>, a flag set, a log call, a <c>lock</c> around such steps) and, after it, quiet steps or a
/// completion signal (<c>stopped.Set()</c>, <c>done.TrySetResult(…)</c>). An async void callback, background loop or
/// outcome-forwarding helper written this way is deliberate, guarded fire-and-forget: nothing it does can be lost.
/// Syntax only: it runs when a diagnostic is about to be reported.
/// </summary>
internal static class GuardedBody
{
    public static bool IsFullyGuarded(SyntaxNode? function)
    {
        var body = function switch
        {
            BaseMethodDeclarationSyntax method => method.Body,
            LocalFunctionStatementSyntax local => local.Body,
            AnonymousFunctionExpressionSyntax lambda => lambda.Block,
            _ => null,
        };

        return body is not null && IsGuardedBlock(body, depth: 0);
    }

    private static bool IsGuardedBlock(BlockSyntax block, int depth)
    {
        if (depth > 2)
        {
            return false;
        }

        var statements = block.Statements;
        var guard = 0;
        while (guard < statements.Count && !IsGuard(statements[guard], depth))
        {
            if (!IsQuietStep(statements[guard]))
            {
                return false;
            }

            guard++;
        }

        if (guard == statements.Count)
        {
            return false;
        }

        for (var i = guard + 1; i < statements.Count; i++)
        {
            if (!IsQuietStep(statements[i]) && !IsSignal(statements[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGuard(StatementSyntax statement, int depth) => statement switch
    {
        TryStatementSyntax @try => HasSwallowingCatchAll(@try) && (@try.Finally is null || !Throws(@try.Finally.Block)),
        WhileStatementSyntax { Statement: BlockSyntax loopBody } loop => (IsPlainCondition(loop.Condition) || loop.Condition.IsKind(SyntaxKind.TrueLiteralExpression))
                                                                         && IsGuardedBlock(loopBody, depth + 1),
        _ => false,
    };

    private static bool HasSwallowingCatchAll(TryStatementSyntax @try)
    {
        foreach (var @catch in @try.Catches)
        {
            if (@catch.Filter is null
                && (@catch.Declaration is null || @catch.Declaration.Type is IdentifierNameSyntax { Identifier.ValueText: "Exception" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Exception" })
                && !Throws(@catch.Block))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A step that does not throw by any reasonable expectation.</summary>
    private static bool IsQuietStep(StatementSyntax statement) => statement switch
    {
        // `var delayed = false;`, and `using var _ = cts;` (disposing what the function was given to own).
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: var variables }
            => All(variables, static v => v.Initializer is null || IsConstantLike(v.Initializer.Value)),
        LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: var variables }
            => All(variables, static v => v.Initializer is not null && IsPlainRead(v.Initializer.Value)),

        // `if (stopping) return;`, `if (token.IsCancellationRequested) break;`
        IfStatementSyntax { Else: null } check when IsBareExit(check.Statement) => IsPlainCondition(check.Condition),

        // `stopping = true;`, `sender = sender ?? Nobody;`, `sender ??= Nobody;`
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression or (int)SyntaxKind.CoalesceAssignmentExpression } assignment }
            => IsPlainRead(assignment.Left) && IsPlainValue(assignment.Right),

        // `_log.LogDebug("Worker {name} started", Name);`: loggers do not throw.
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => IsLogCall(call),

        // `lock (gate) { if (busy) return; busy = true; }`
        LockStatementSyntax { Statement: BlockSyntax locked } @lock => IsPlainRead(@lock.Expression) && All(locked.Statements, IsQuietStep),
        _ => false,
    };

    /// <summary><c>stopped.Set();</c>, <c>done.TrySetResult(true);</c>: telling a waiter that the work has ended.</summary>
    private static bool IsSignal(StatementSyntax statement)
        => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access } call }
           && name is "Set" or "TrySetResult" or "TrySetCanceled" or "TrySetException"
           && IsPlainRead(access.Expression)
           && HasPlainArguments(call);

    private static bool IsLogCall(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
           && IsPlainRead(receiver)
           && LastName(receiver) is { } name && name.IndexOf("log", StringComparison.OrdinalIgnoreCase) >= 0
           && HasPlainArguments(call);

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Arguments that call nothing: literals, names, <c>$"…{name}"</c>.</summary>
    private static bool HasPlainArguments(InvocationExpressionSyntax call)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (!IsPlainValue(argument.Expression))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainValue(ExpressionSyntax value) => value switch
    {
        _ when IsConstantLike(value) || IsPlainRead(value) => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => IsPlainValue(coalesce.Left) && IsPlainValue(coalesce.Right),
        InterpolatedStringExpressionSyntax interpolated => All(interpolated.Contents, static c => c is not InterpolationSyntax hole || IsPlainValue(hole.Expression)),
        _ => false,
    };

    /// <summary><c>stopping</c>, <c>!token.IsCancellationRequested</c>, <c>dropped != 0 || closed</c>: names, literals, comparisons.</summary>
    private static bool IsPlainCondition(ExpressionSyntax condition) => condition switch
    {
        BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
            or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
            => IsPlainCondition(binary.Left) && IsPlainCondition(binary.Right),
        ParenthesizedExpressionSyntax parenthesized => IsPlainCondition(parenthesized.Expression),
        _ => IsConstantLike(condition) || IsPlainRead(condition),
    };

    private static bool IsBareExit(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: null } or BreakStatementSyntax or ContinueStatementSyntax => true,
        BlockSyntax { Statements.Count: 1 } block => IsBareExit(block.Statements[0]),
        _ => false,
    };

    private static bool IsConstantLike(ExpressionSyntax value)
        => value is LiteralExpressionSyntax or DefaultExpressionSyntax;

    /// <summary>A name, <c>this.name</c>, <c>a.b</c>, or <c>!</c> of one: no call anywhere.</summary>
    private static bool IsPlainRead(ExpressionSyntax value) => value switch
    {
        IdentifierNameSyntax => true,
        ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsPlainRead(access.Expression),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => IsPlainRead(not.Operand),
        ParenthesizedExpressionSyntax parenthesized => IsPlainRead(parenthesized.Expression),
        _ => false,
    };

    private static bool Throws(BlockSyntax block)
    {
        foreach (var node in block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ThrowStatementSyntax or ThrowExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool All<T>(SyntaxList<T> nodes, Func<T, bool> predicate)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            if (!predicate(node))
            {
                return false;
            }
        }

        return true;
    }

    private static bool All<T>(SeparatedSyntaxList<T> nodes, Func<T, bool> predicate)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            if (!predicate(node))
            {
                return false;
            }
        }

        return true;
    }
}
