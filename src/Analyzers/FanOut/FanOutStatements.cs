using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>What a statement is to the fan-out analysis.</summary>
internal enum StatementRole
{
    /// <summary>Anything else: a group cannot span it.</summary>
    Barrier,

    /// <summary>A statement that awaits one candidate operation first thing (<c>var a = await A(x);</c>, <c>x.P = await A();</c>).</summary>
    Await,

    /// <summary>A side-effect-free local computation (<c>var id = user.Id;</c>): a group may span it, it stays in place.</summary>
    Local,

    /// <summary>An await of Task.Delay, Task.Yield or a lock/wait: pacing and order are intended; nothing in the block fans out.</summary>
    Throttle,
}

/// <summary>Statement-level helpers shared by ASYNC301 and ASYNC302.</summary>
internal static class FanOutStatements
{
    /// <summary>Classifies one statement; <paramref name="candidate"/> is set for <see cref="StatementRole.Await"/>.</summary>
    public static StatementRole Classify(IOperation statement, FanOutSymbols symbols, out FanOutCandidate? candidate)
    {
        candidate = null;
        var awaits = AwaitsIn(statement);
        foreach (var await in awaits)
        {
            if (Independence.IsThrottleStep(await, symbols.Symbols))
            {
                return StatementRole.Throttle;
            }
        }

        if (!IsSimpleStatement(statement))
        {
            return StatementRole.Barrier;
        }

        if (awaits.Count == 0)
        {
            return IsLocalComputation(statement) ? StatementRole.Local : StatementRole.Barrier;
        }

        if (awaits.Count != 1 || !IsLeading(awaits[0], statement))
        {
            return StatementRole.Barrier;
        }

        candidate = Independence.TryGetCandidate(awaits[0], symbols);
        return candidate is null ? StatementRole.Barrier : StatementRole.Await;
    }

    /// <summary>The awaits of a statement, not counting those inside lambdas or local functions.</summary>
    public static List<IAwaitOperation> AwaitsIn(IOperation operation)
    {
        var found = new List<IAwaitOperation>();
        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (current is IAwaitOperation await)
            {
                found.Add(await);
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return found;
    }

    /// <summary>An expression statement or a one-variable declaration (not <c>using</c>): the shapes a fix can split.</summary>
    public static bool IsSimpleStatement(IOperation statement) => statement switch
    {
        IExpressionStatementOperation => true,
        IVariableDeclarationGroupOperation { Declarations.Length: 1 } group =>
            group.Declarations[0].Declarators.Length == 1
            && statement.Syntax is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, AwaitKeyword.RawKind: 0 },
        _ => false,
    };

    /// <summary>
    /// True when the await is the first thing the statement does: everything evaluated before it is a side-effect-free
    /// read, and it is not evaluated conditionally (<c>?:</c>, <c>??</c>, <c>?.</c>, the right of <c>&amp;&amp;</c>/<c>||</c>).
    /// </summary>
    public static bool IsLeading(IOperation await, IOperation statement)
    {
        var child = await;
        while (!ReferenceEquals(child, statement))
        {
            var parent = child.Parent;
            switch (parent)
            {
                case null:
                case IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or ISwitchExpressionOperation
                    or ICoalesceAssignmentOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or IIsPatternOperation:
                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary
                    when ReferenceEquals(binary.RightOperand, child):
                    return false;
            }

            foreach (var sibling in parent!.ChildOperations)
            {
                if (ReferenceEquals(sibling, child))
                {
                    break;
                }

                if (!Independence.IsPure(sibling) && sibling is not IVariableDeclaratorOperation)
                {
                    return false;
                }
            }

            child = parent;
        }

        return true;
    }

    /// <summary><c>var id = user.Id;</c>, <c>total = a + b;</c>, <c>i++;</c> on locals, from side-effect-free values.</summary>
    public static bool IsLocalComputation(IOperation statement)
    {
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (declarator.Initializer is { } initializer && !Independence.IsPure(initializer.Value))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation } assignment }:
                return Independence.IsPure(assignment.Value);
            case IExpressionStatementOperation { Operation: IIncrementOrDecrementOperation { Target: ILocalReferenceOperation } }:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A comment on the statement that speaks of order (<c>// this must run before LoadAllStatesAsync, which prunes the
    /// files it reads</c>, <c>// first …, then …</c>): the author has said the steps are sequential, and why.
    /// </summary>
    public static bool CommentStatesOrder(SyntaxNode statement)
    {
        foreach (var trivia in statement.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                var text = trivia.ToString();
                foreach (var word in OrderWords)
                {
                    if (HasWord(text, word))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static readonly ImmutableArray<string> OrderWords = ImmutableArray.Create(
        "before", "after", "first", "then", "order", "must", "prior", "until", "sequential", "sequentially");

    private static bool HasWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}
