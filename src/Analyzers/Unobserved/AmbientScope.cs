using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A <c>using</c> resource that only sets ambient state kept in an <c>AsyncLocal</c>: a logging scope
/// (<c>logger.BeginScope(...)</c>, Serilog's <c>LogContext.PushProperty</c>, NLog's <c>ScopeContext</c>) or a project's own
/// scope struct whose <c>Dispose</c> only clears <c>AsyncLocal</c> values. A task started inside the scope captured the
/// execution context when it started and keeps the ambient values after the caller's scope ends, so disposing the scope
/// before the task completes takes nothing from it (ASYNC205 stays silent).
/// </summary>
internal sealed class AmbientScope
{
    // Per compilation (one instance per CompilationAnalysis): a resource type's Dispose is read once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> clearsOnlyAsyncLocals = new(SymbolEqualityComparer.Default);

    /// <summary>True when every resource of the <c>using</c> is an ambient scope.</summary>
    public bool IsAmbientScope(IOperation resources)
    {
        switch (resources)
        {
            case IVariableDeclarationGroupOperation group:
                var any = false;
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var value = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                        if (value is null || !IsScopeValue(value))
                        {
                            return false;
                        }

                        any = true;
                    }
                }

                return any;
            default:
                return IsScopeValue(resources);
        }
    }

    private bool IsScopeValue(IOperation value, int depth = 0)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return (value is IInvocationOperation invocation && (IsLoggingScope(invocation.TargetMethod) || ReturnsScope(invocation, depth)))
               || IsFlowSuppression(value.Type)
               || (value.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class } type && !type.DeclaringSyntaxReferences.IsEmpty
                   && clearsOnlyAsyncLocals.GetOrAdd(type.OriginalDefinition, static t => OnlyClearsAsyncLocals(t)));
    }

    /// <summary>
    /// <c>using (ExecutionContext.SuppressFlow())</c>: it only has to cover the start of the task, which is what keeps the
    /// caller's context out of it; ending it once the task has started is the documented use.
    /// </summary>
    private static bool IsFlowSuppression(ITypeSymbol? type)
        => type is { Name: "AsyncFlowControl" } && type.ContainingNamespace.IsNamespace("System.Threading");

    /// <summary>
    /// <c>using (BeginOperation())</c> where <c>IDisposable BeginOperation() =&gt; EventContext.BeginOperation(name);</c> is a
    /// helper in the same file: the scope behind the interface, read from the helper's one returned expression.
    /// </summary>
    private bool ReturnsScope(IInvocationOperation invocation, int depth)
        => depth == 0 && HelperSource.ReturnedOperation(invocation) is { } returned && IsScopeValue(returned, depth + 1);

    /// <summary>Logging scopes, all kept in an AsyncLocal by their libraries.</summary>
    private static bool IsLoggingScope(IMethodSymbol method)
    {
        if (method.Name is not ("BeginScope" or "PushProperty" or "Push" or "PushNestedState" or "PushScopeState" or "PushScopeProperties"))
        {
            return false;
        }

        return method.ContainingType?.ContainingNamespace?.ToDisplayString() switch
        {
            "Microsoft.Extensions.Logging" => method.Name == "BeginScope",
            "Serilog.Context" => method.Name is "PushProperty" or "Push",
            "NLog" => method.Name is "PushProperty" or "PushNestedState" or "PushScopeState" or "PushScopeProperties",
            _ => false,
        };
    }

    /// <summary>
    /// A struct or sealed class declared here whose <c>Dispose()</c> only assigns <c>AsyncLocal</c> values, directly or through
    /// a property whose setter does (MongoDB's <c>EventContext.OperationIdDisposer</c>), under any <c>if</c>s.
    /// </summary>
    private static bool OnlyClearsAsyncLocals(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class } named
            || !(named.IsValueType || named.IsSealed)
            || FindDispose(named) is not { } dispose
            || dispose.DeclaringSyntaxReferences.Length != 1
            || dispose.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        var assignments = 0;
        return (declaration.Body is { } body ? OnlyAsyncLocalWrites(body, named, ref assignments, depth: 0)
                   : declaration.ExpressionBody is { } arrow && IsAsyncLocalWrite(arrow.Expression, named, ref assignments, depth: 0))
               && assignments > 0;
    }

    private static IMethodSymbol? FindDispose(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { Parameters.Length: 0 } method
                    && (method.Name == "Dispose" || (method.ExplicitInterfaceImplementations.Length > 0 && method.ExplicitInterfaceImplementations[0].Name == "Dispose")))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static bool OnlyAsyncLocalWrites(StatementSyntax statement, INamedTypeSymbol scopeType, ref int assignments, int depth) => statement switch
    {
        BlockSyntax block => AllStatements(block.Statements, scopeType, ref assignments, depth),
        IfStatementSyntax @if => OnlyAsyncLocalWrites(@if.Statement, scopeType, ref assignments, depth)
                                 && (@if.Else is null || OnlyAsyncLocalWrites(@if.Else.Statement, scopeType, ref assignments, depth)),
        ExpressionStatementSyntax expression => IsAsyncLocalWrite(expression.Expression, scopeType, ref assignments, depth)
                                                || IsFlowRestore(expression.Expression, ref assignments),
        ReturnStatementSyntax { Expression: null } or EmptyStatementSyntax => true,
        _ => false,
    };

    /// <summary>
    /// <c>ExecutionContext.RestoreFlow()</c>: a project's own flow-suppression scope (its constructor suppresses, its Dispose
    /// restores), like <c>using (ExecutionContext.SuppressFlow())</c>, only has to cover the start of the task.
    /// </summary>
    private static bool IsFlowRestore(ExpressionSyntax expression, ref int assignments)
    {
        if (expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RestoreFlow", Expression: var owner } }
            && LastName(owner) == "ExecutionContext")
        {
            assignments++;
            return true;
        }

        return false;
    }

    private static bool AllStatements(SyntaxList<StatementSyntax> statements, INamedTypeSymbol scopeType, ref int assignments, int depth)
    {
        foreach (var statement in statements)
        {
            if (!OnlyAsyncLocalWrites(statement, scopeType, ref assignments, depth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>holder.Value = v</c> on an AsyncLocal field, or <c>Ambient.Current = v</c> where that setter does so.</summary>
    private static bool IsAsyncLocalWrite(ExpressionSyntax expression, INamedTypeSymbol scopeType, ref int assignments, int depth)
    {
        if (expression is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var target })
        {
            return false;
        }

        // s_current.Value = …, this.s_current.Value = …
        if (target is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } valueAccess
            && FindMember(scopeType, LastName(valueAccess.Expression)) is IFieldSymbol field
            && IsAsyncLocal(field.Type))
        {
            assignments++;
            return true;
        }

        // EventContext.OperationId = …: a property whose setter writes an AsyncLocal.
        if (depth == 0
            && (FindMember(scopeType, LastName(target)) ?? MemberOfNamedType(scopeType, target)) is IPropertySymbol { SetMethod: { } setter }
            && setter.DeclaringSyntaxReferences.Length == 1
            && setter.DeclaringSyntaxReferences[0].GetSyntax() is AccessorDeclarationSyntax accessor
            && setter.ContainingType is { } owner)
        {
            var inner = 0;
            var ok = accessor.Body is { } body ? OnlyAsyncLocalWrites(body, owner, ref inner, depth + 1)
                : accessor.ExpressionBody is { } arrow && IsAsyncLocalWrite(arrow.Expression, owner, ref inner, depth + 1);
            if (ok && inner > 0)
            {
                assignments++;
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Ambient.Current</c>, where <c>Ambient</c> is a type of the scope's namespace: that type's member.</summary>
    private static ISymbol? MemberOfNamedType(INamedTypeSymbol scopeType, ExpressionSyntax target)
    {
        if (target is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax qualifier, Name.Identifier.ValueText: var name })
        {
            return null;
        }

        foreach (var type in scopeType.ContainingNamespace.GetTypeMembers(qualifier.Identifier.ValueText))
        {
            if (FindMember(type, name) is { } member)
            {
                return member;
            }
        }

        return null;
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A field or property of this name in the type or a type around it (a scope struct nested in its context class).</summary>
    private static ISymbol? FindMember(INamedTypeSymbol type, string? name)
    {
        if (name is null)
        {
            return null;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IFieldSymbol or IPropertySymbol)
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static bool IsAsyncLocal(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "AsyncLocal", Arity: 1, ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
