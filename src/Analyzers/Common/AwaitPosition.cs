using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// "May a fix write an <c>await</c> in place of this operation?" The syntactic answer
/// (<see cref="AsyncContext.IsAwaitForbiddenAt"/>: lock, unsafe, query clauses) plus the semantic one: since C# 13
/// an async method may hold a <c>Span&lt;T&gt;</c> (any ref struct) or a <c>ref</c> local, but only as long as it
/// does not live across an await. Turning <c>Thread.Sleep(10)</c> into <c>await Task.Delay(10)</c> between two uses
/// of such a local makes the compiler reject the method (CS4007 / CS9217, reported only when it lowers the method).
/// Call it only when reporting.
/// </summary>
internal static class AwaitPosition
{
    /// <summary>
    /// For the blocking rules, which also report inside a synchronous lambda that runs in place
    /// (<c>urls.Select(u =&gt; Fetch(u).Result).ToList()</c>): there the await would land in the lambda, which is not async.
    /// (Fixes that make their function async ask <see cref="WhyAwaitIsForbidden"/> alone.)
    /// </summary>
    public static string? WhyBlockingCallCannotBeAwaited(IOperation blockingCall)
        => AsyncContext.EnclosingFunctionOperation(blockingCall) is IAnonymousFunctionOperation { Symbol.IsAsync: false }
            ? "it runs inside a synchronous lambda; turn the query or ForEach into a loop that awaits"
            : WhyAwaitIsForbidden(blockingCall);

    /// <summary>Why an await cannot replace <paramref name="operation"/>, or null when it can.</summary>
    public static string? WhyAwaitIsForbidden(IOperation operation)
    {
        if (AsyncContext.IsAwaitForbiddenAt(operation.Syntax))
        {
            return "await is not allowed here";
        }

        return RefLocalLiveAcross(operation) is { } local
            ? $"'{local.Name}' (a ref struct or ref local) would live across the await"
            : null;
    }

    /// <summary>
    /// A ref-like or by-ref local declared before <paramref name="operation"/> in an enclosing scope of the same
    /// function and used after it: textually later, or anywhere inside a loop that encloses the operation (the
    /// next iteration uses it after the await), or declared in the header of an enclosing <c>for</c>.
    /// </summary>
    private static ILocalSymbol? RefLocalLiveAcross(IOperation operation)
    {
        var position = operation.Syntax.SpanStart;
        var end = operation.Syntax.Span.End;
        IOperation? innermostLoop = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            if (current is ILoopOperation && innermostLoop is null)
            {
                innermostLoop = current;
            }

            foreach (var local in LocalsOf(current))
            {
                if (!IsRefLike(local) || !IsDeclaredBefore(local, position))
                {
                    continue;
                }

                foreach (var descendant in current.Descendants())
                {
                    if (descendant is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && (reference.Syntax.SpanStart >= end || current is IForLoopOperation || IsInside(reference, innermostLoop, current)))
                    {
                        return local;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsRefLike(ILocalSymbol local) => local.Type is { IsRefLikeType: true } || local.IsRef;

    /// <summary>True when <paramref name="reference"/> is inside <paramref name="loop"/> and the loop is inside the local's scope.</summary>
    private static bool IsInside(IOperation reference, IOperation? loop, IOperation scope)
    {
        if (loop is null || ReferenceEquals(loop, scope) || !scope.Syntax.Span.Contains(loop.Syntax.Span))
        {
            return false;
        }

        return loop.Syntax.Span.Contains(reference.Syntax.Span);
    }

    private static ImmutableArray<ILocalSymbol> LocalsOf(IOperation operation) => operation switch
    {
        IBlockOperation block => block.Locals,
        ILoopOperation loop => loop.Locals,
        IUsingOperation @using => @using.Locals,
        ISwitchCaseOperation @case => @case.Locals,
        _ => ImmutableArray<ILocalSymbol>.Empty,
    };

    private static bool IsDeclaredBefore(ILocalSymbol local, int position)
    {
        var references = local.DeclaringSyntaxReferences;
        return references.Length > 0 && references[0].Span.End <= position;
    }
}
