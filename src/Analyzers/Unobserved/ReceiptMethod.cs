using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A method of this compilation that queues work for another party and hands back a receipt: not <c>async</c>, not
/// virtual, returning a plain <c>Task</c>, and every <c>return</c> is the task of a <c>TaskCompletionSource</c> it created
/// and handed to someone else (<c>queue.Add(new SentMessage { Completion = completion })</c>, <c>pending[id] = tcs</c>,
/// <c>outgoing.Enqueue((message, tcs))</c>). Whoever takes the promise does the work and owns its failure (a send queue's
/// writer disconnects the peer and faults every pending receipt), so a caller that drops the receipt loses no
/// information it alone would see (NBitcoin's <c>node.SendMessageAsync(pong)</c> from a synchronous message handler).
/// A promise the method completes itself (<c>socket.BeginSend(…, ar => tcs.SetResult(…))</c>) is no hand-off: its task
/// is the only report of that failure, and the drop stays reported. Syntax and symbols only: it runs when a
/// diagnostic is about to be reported.
/// </summary>
internal static class ReceiptMethod
{
    /// <summary>For the method's definition (<c>(ReducedFrom ?? method).OriginalDefinition</c>).</summary>
    public static bool ReturnsAHandedOffReceipt(IMethodSymbol method)
    {
        if (method.IsAsync || !method.RunsOnlyItsOwnBody()
            || method.ReturnType is not INamedTypeSymbol { Name: "Task", IsGenericType: false }
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { } body })
        {
            return false;
        }

        var promises = PromiseLocals(body);
        if (promises.Count == 0)
        {
            return false;
        }

        return CompletedTaskMethod.CountReturns(
                   body,
                   @return => @return.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: IdentifierNameSyntax promise }
                              && promises.Contains(promise.Identifier.ValueText)) > 0
               && IsHandedOff(body, promises);
    }

    /// <summary>The locals initialized with <c>new TaskCompletionSource…(…)</c>.</summary>
    private static HashSet<string> PromiseLocals(BlockSyntax body)
    {
        var promises = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is VariableDeclaratorSyntax { Initializer.Value: ObjectCreationExpressionSyntax creation } declarator
                && HelperSource.RightmostName(creation.Type) == "TaskCompletionSource")
            {
                promises.Add(declarator.Identifier.ValueText);
            }
        }

        return promises;
    }

    /// <summary>
    /// A promise local is read as a value (an argument, an initializer's member, a stored or returned-elsewhere value), not
    /// only as <c>promise.Task</c> or the receiver of its own <c>Set…</c>/<c>TrySet…</c>; lambdas included, since the
    /// hand-off may be deferred (<c>Action final = () => queue.Add(new SentMessage { Completion = completion })</c>).
    /// </summary>
    private static bool IsHandedOff(BlockSyntax body, HashSet<string> promises)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || !promises.Contains(identifier.Identifier.ValueText))
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == identifier:
                    // promise.Task, promise.SetResult(…): the method's own use of its promise.
                    continue;
                case ArgumentSyntax:
                case AssignmentExpressionSyntax assignment when assignment.Right == identifier:
                case TupleExpressionSyntax:
                case InitializerExpressionSyntax:
                    return true;
            }
        }

        return false;
    }
}
