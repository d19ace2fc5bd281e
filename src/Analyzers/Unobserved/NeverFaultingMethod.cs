using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A method of this compilation, not <c>async</c>, whose returned task cannot fault: every <c>return</c> hands back a
/// completed task, a continuation that observes its antecedent's fault
/// (<c>handler(arg).ContinueWith(t => { if (t.IsFaulted) Log(t.Exception); })</c>), a <c>Task.WhenAll</c> of calls to
/// such methods (<c>Task.WhenAll(handlers.Select(h => ProcessHandler(h, arg)))</c>), or a call to one, on this object or
/// on one of its fields (<c>=> _started.FireAsync(context)</c>), or work handed to the pool whose every fault it catches
/// itself (<c>Task.Run(() => Guard.Run(callback))</c>, <see cref="GuardedWork"/>). What it throws before returning reaches the caller,
/// so a dropped call of it loses nothing: an event raised for observers whose failures are logged one by one.
/// Syntax and symbols, and the model of the method's tree only for a Task.Run it returns: it runs when a diagnostic is about to be reported.
/// </summary>
internal static class NeverFaultingMethod
{
    private const int MaxDepth = 3;

    public static bool NeverFaults(IMethodSymbol method, Compilation compilation) => NeverFaults(method, compilation, depth: 0);

    private static bool NeverFaults(IMethodSymbol method, Compilation compilation, int depth)
    {
        method = method.OriginalDefinition;
        if (depth > MaxDepth || method.IsAsync || !method.RunsOnlyItsOwnBody()
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return !CompletedTaskMethod.IsCompletedTask(arrow.Expression) && IsNeverFaultingTask(arrow.Expression, method.ContainingType, compilation, depth);
        }

        if (declaration.Body is null)
        {
            return false;
        }

        // At least one return must be work whose fault is observed: a method that only returns completed tasks is a
        // stub standing for real work (CompletedTaskMethod decides when it is not).
        var observed = false;
        foreach (var node in declaration.Body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax @return)
            {
                if (@return.Expression is not { } returned || !IsNeverFaultingTask(returned, method.ContainingType, compilation, depth))
                {
                    return false;
                }

                observed |= !CompletedTaskMethod.IsCompletedTask(returned);
            }
        }

        return observed;
    }

    private static bool IsNeverFaultingTask(ExpressionSyntax value, INamedTypeSymbol type, Compilation compilation, int depth)
    {
        while (value is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)value).Expression;
        }

        if (CompletedTaskMethod.IsCompletedTask(value))
        {
            return true;
        }

        if (value is not InvocationExpressionSyntax invocation)
        {
            return false;
        }

        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        switch (name)
        {
            case "ContinueWith":
                return ObservesItsAntecedentsFault(invocation);
            case "WhenAll" when invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" } }:
                return invocation.ArgumentList.Arguments.Count == 1 && EachNeverFaults(invocation.ArgumentList.Arguments[0].Expression, type, compilation, depth);
            case "Run" or "StartNew":
                // return Task.Run(() => Guard.Run(callback)): work whose every fault the pool thread catches itself. Bound
                // only here, with the model of the method's own tree.
                return compilation.ContainsSyntaxTree(invocation.SyntaxTree)
                       && compilation.GetSemanticModel(invocation.SyntaxTree).GetOperation(invocation) is IInvocationOperation started
                       && GuardedWork.StartsGuardedWork(started, static _ => false);
            case null:
                return false;
        }

        return ResolveOnThisOrField(invocation.Expression, name, type) is { } callee && NeverFaults(callee, compilation, depth + 1);
    }

    /// <summary><c>handlers.Select(h => ProcessHandler(h, arg))</c>: every element is a call to a method that never faults.</summary>
    private static bool EachNeverFaults(ExpressionSyntax elements, INamedTypeSymbol type, Compilation compilation, int depth)
        => elements is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" }, ArgumentList.Arguments.Count: 1 } select
           && select.ArgumentList.Arguments[0].Expression is SimpleLambdaExpressionSyntax { ExpressionBody: { } body }
           && IsNeverFaultingTask(body, type, compilation, depth);

    /// <summary>
    /// <c>x.ContinueWith(t => { if (t.IsFaulted) Log(t.Exception); })</c>: the continuation reads its antecedent's
    /// <c>IsFaulted</c> or <c>Exception</c>, or runs only on a fault (<c>TaskContinuationOptions.OnlyOnFaulted</c>).
    /// Also ASYNC205's test for a continuation that is the asynchronous half of the catch around it.
    /// </summary>
    public static bool ObservesItsAntecedentsFault(InvocationExpressionSyntax continueWith)
    {
        if (continueWith.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith" })
        {
            return false;
        }

        foreach (var argument in continueWith.ArgumentList.Arguments)
        {
            if (argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "OnlyOnFaulted" })
            {
                return true;
            }

            var (parameter, body) = argument.Expression switch
            {
                SimpleLambdaExpressionSyntax simple => (simple.Parameter.Identifier.ValueText, (SyntaxNode)simple.Body),
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } parenthesized
                    => (parenthesized.ParameterList.Parameters[0].Identifier.ValueText, parenthesized.Body),
                _ => (null, null),
            };
            if (parameter is null || body is null)
            {
                continue;
            }

            foreach (var node in body.DescendantNodesAndSelf())
            {
                if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax antecedent, Name.Identifier.ValueText: "IsFaulted" or "Exception" }
                    && antecedent.Identifier.ValueText == parameter)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>M(…)</c>, <c>this.M(…)</c>, <c>_field.M(…)</c>, <c>this._field.M(…)</c>: the one method of that name on this type or
    /// on the field's type (declared in this compilation); null when there is no such single method.
    /// </summary>
    private static IMethodSymbol? ResolveOnThisOrField(ExpressionSyntax target, string name, INamedTypeSymbol type)
    {
        var receiver = target switch
        {
            SimpleNameSyntax => type,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => type,
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax field } => FieldType(type, field.Identifier.ValueText),
            MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax field } }
                => FieldType(type, field.Identifier.ValueText),
            _ => null,
        };
        if (receiver is null)
        {
            return null;
        }

        IMethodSymbol? found = null;
        foreach (var member in receiver.GetMembers(name))
        {
            if (member is not IMethodSymbol method || found is not null)
            {
                return null;
            }

            found = method;
        }

        return found;
    }

    private static INamedTypeSymbol? FieldType(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            var memberType = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            return memberType is INamedTypeSymbol { TypeKind: TypeKind.Class } named && !named.DeclaringSyntaxReferences.IsEmpty ? named : null;
        }

        return null;
    }
}
