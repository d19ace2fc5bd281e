using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using AsyncLint.Analyzers.Unobserved;

namespace AsyncLint.Analyzers;

/// <summary>
/// <c>_definitions.GetOrAdd(name, _load)</c> on a cache of completed tasks: a private dictionary field of the type whose
/// every value comes from <c>GetOrAdd</c> with a factory that only returns completed tasks (a lambda
/// <c>n => Task.FromResult(Read(n))</c>, or a private delegate field every assignment of which is such a lambda). The task
/// read from it is complete, so <c>.Result</c> cannot block (FeatureManagement's definition provider, which keeps a
/// <c>Task</c>-valued cache for its async interface and fills it synchronously). Any other write to the dictionary
/// (an indexer, <c>TryAdd</c>, <c>AddOrUpdate</c>, the field handed elsewhere) or a factory that does real async work keeps
/// the report. Syntax of the field's own type only: names are matched as written.
/// </summary>
internal static class CompletedTaskCache
{
    /// <summary>The call is <c>GetOrAdd</c> on such a field; <paramref name="isCompletedCache"/> answers (and caches) the field.</summary>
    public static bool IsReadFromCompletedCache(IInvocationOperation invocation, System.Func<IFieldSymbol, bool> isCompletedCache)
        => invocation.TargetMethod.Name == "GetOrAdd"
           && invocation.Instance is IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private } field }
           && isCompletedCache(field.OriginalDefinition);

    /// <summary>Every use of the field in its type's syntax adds only completed tasks, or does not add.</summary>
    public static bool HoldsOnlyCompletedTasks(IFieldSymbol field)
    {
        var type = field.ContainingType;
        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        var adds = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var identifier in SyntaxWords.Identifiers(reference.GetSyntax(), field.Name))
            {
                switch (UseOf(identifier))
                {
                    case Use.Reads:
                        continue;
                    case Use.AddsCompleted:
                        adds++;
                        continue;
                    default:
                        return false;
                }
            }
        }

        return adds > 0;

        Use UseOf(SyntaxToken identifier)
        {
            SyntaxNode node = identifier.Parent!;
            if (node is VariableDeclaratorSyntax declarator)
            {
                return declarator.Initializer is null or { Value: ObjectCreationExpressionSyntax { Initializer: null } or ImplicitObjectCreationExpressionSyntax { Initializer: null } }
                    ? Use.Reads : Use.Other;
            }

            node = WithThis(node);
            switch (node.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == node:
                    return assignment.Right is ObjectCreationExpressionSyntax { Initializer: null } or ImplicitObjectCreationExpressionSyntax { Initializer: null }
                        ? Use.Reads : Use.Other;
                case MemberAccessExpressionSyntax access when access.Expression == node:
                    return access.Name.Identifier.ValueText switch
                    {
                        "GetOrAdd" => access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments }
                                      && IsCompletedFactory(arguments[1].Expression, type)
                            ? Use.AddsCompleted : Use.Other,
                        "TryGetValue" or "ContainsKey" or "TryRemove" or "Remove" or "Clear" or "Count" or "IsEmpty" or "Keys" => Use.Reads,
                        _ => Use.Other,
                    };
                default:
                    return Use.Other;
            }
        }
    }

    /// <summary>A lambda returning only completed tasks, a completed task itself, or a private delegate field assigned only such lambdas.</summary>
    private static bool IsCompletedFactory(ExpressionSyntax factory, INamedTypeSymbol type)
    {
        switch (factory)
        {
            case LambdaExpressionSyntax lambda:
                return ReturnsOnlyCompletedTasks(lambda);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                var name = factory is IdentifierNameSyntax simple ? simple.Identifier.ValueText : ((MemberAccessExpressionSyntax)factory).Name.Identifier.ValueText;
                var members = type.GetMembers(name);
                return members.Length == 1
                       && members[0] is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } delegateField
                       && IsAssignedOnlyCompletedLambdas(delegateField);
            default:
                return CompletedTaskMethod.IsCompletedTask(factory);
        }
    }

    private static bool IsAssignedOnlyCompletedLambdas(IFieldSymbol field)
    {
        var assigned = 0;
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var identifier in SyntaxWords.Identifiers(reference.GetSyntax(), field.Name))
            {
                SyntaxNode node = identifier.Parent!;
                ExpressionSyntax? value = null;
                if (node is VariableDeclaratorSyntax declarator)
                {
                    value = declarator.Initializer?.Value;
                    if (value is null)
                    {
                        continue;
                    }
                }
                else
                {
                    node = WithThis(node);
                    if (node.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != node)
                    {
                        continue;
                    }

                    value = assignment.Right;
                }

                if (value is not LambdaExpressionSyntax lambda || !ReturnsOnlyCompletedTasks(lambda))
                {
                    return false;
                }

                assigned++;
            }
        }

        return assigned > 0;
    }

    private static bool ReturnsOnlyCompletedTasks(LambdaExpressionSyntax lambda)
        => lambda.ExpressionBody is { } body
            ? CompletedTaskMethod.IsCompletedTask(body)
            : lambda.Block is { } block && lambda.AsyncKeyword.RawKind == 0 && CompletedTaskMethod.ReturnsOnlyCompletedTasks(block);

    /// <summary><c>this._cache</c> names the same field as <c>_cache</c>: the member access, for a name written after <c>this.</c>.</summary>
    private static SyntaxNode WithThis(SyntaxNode name)
        => name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == name ? self : name;

    private enum Use
    {
        Reads,
        AddsCompleted,
        Other,
    }
}
