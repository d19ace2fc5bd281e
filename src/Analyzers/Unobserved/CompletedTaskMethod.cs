using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A method of this compilation that does all its work before it returns: not <c>async</c>, not virtual, abstract or an
/// override (no other body can run in its place), not named <c>…Async</c>, with work of its own before it returns,
/// and every <c>return</c> hands back an already completed task
/// (<c>Task.CompletedTask</c>, <c>Task.FromResult(…)</c>, <c>ValueTask.CompletedTask</c>, <c>default</c>). Its exceptions are
/// thrown to the caller, and the task it returns has nothing left to observe (Jellyfin's <c>ChangePassword</c>, which
/// hashes and stores a password, then returns <c>Task.CompletedTask</c>). Syntax only: it runs when a diagnostic is
/// about to be reported.
/// </summary>
internal static class CompletedTaskMethod
{
    /// <summary>For the method's definition (<c>(ReducedFrom ?? method).OriginalDefinition</c>).</summary>
    public static bool ReturnsOnlyCompletedTasks(IMethodSymbol method)
    {
        if (method.IsAsync || !method.RunsOnlyItsOwnBody()
            || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax { Body: { } body }
            || body.Statements.Count < 2)
        {
            // A stub (`=> Task.FromResult(user)`, `{ return Task.CompletedTask; }`) or a method named as an async operation
            // stands for real asynchronous work, as in a sample: its dropped task is still reported.
            return false;
        }

        return ReturnsOnlyCompletedTasks(body);
    }

    /// <summary>Every <c>return</c> of the body (not of its lambdas and local functions) hands back a completed task, and there is one.</summary>
    public static bool ReturnsOnlyCompletedTasks(BlockSyntax body)
        => CountReturns(body, static @return => @return.Expression is { } returned && IsCompletedTask(returned)) > 0;

    /// <summary>
    /// The <c>return</c> statements of a body, not those of its lambdas and local functions: how many there are when every
    /// one satisfies <paramref name="accepts"/>, or -1 as soon as one does not.
    /// </summary>
    public static int CountReturns(BlockSyntax body, System.Func<ReturnStatementSyntax, bool> accepts)
    {
        var returns = 0;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax @return)
            {
                if (!accepts(@return))
                {
                    return -1;
                }

                returns++;
            }
        }

        return returns;
    }

    /// <summary>
    /// <c>{ …; tcs.TrySetResult(default); return tcs.Task; }</c>: a method that completes a promise and hands back its task
    /// (vs-threading's obsolete <c>AsyncManualResetEvent.SetAsync</c>, "the returned Task is always completed"). Its only
    /// <c>return</c> is the last statement and returns the <c>Task</c> of the promise the statement before it completed
    /// (<c>SetResult</c>, <c>SetCanceled</c>, <c>SetException</c>, or their <c>Try…</c> forms): whatever that promise held, it is
    /// complete now. Not async, not virtual; named as it likes, since nothing in it stands for later work.
    /// </summary>
    public static bool ReturnsAPromiseItJustCompleted(IMethodSymbol method)
    {
        if (method.IsAsync || !method.RunsOnlyItsOwnBody()
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { Statements: { Count: >= 2 } statements } body }
            || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: IdentifierNameSyntax promise } }
            || statements[statements.Count - 2] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax completed, Name.Identifier.ValueText: var completion } } }
            || completed.Identifier.ValueText != promise.Identifier.ValueText
            || completion is not ("SetResult" or "TrySetResult" or "SetCanceled" or "TrySetCanceled" or "SetException" or "TrySetException"))
        {
            return false;
        }

        return CountReturns(body, static _ => true) == 1;
    }

    /// <summary><c>Task.CompletedTask</c>, <c>Task.FromResult(…)</c>, <c>ValueTask.CompletedTask</c>, <c>default</c>, in parentheses or not.</summary>
    public static bool IsCompletedTask(ExpressionSyntax value)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        return value switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" } access => HelperSource.IsTaskTypeName(access.Expression),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" } access } => HelperSource.IsTaskTypeName(access.Expression),
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression),
            DefaultExpressionSyntax => true,
            _ => false,
        };
    }
}
