using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// An awaiter's <c>OnCompleted(Action continuation)</c>/<c>UnsafeOnCompleted</c> handing the continuation it was given to a
/// scheduler: <c>Task.Run(continuation)</c>, or the project's own <c>scheduler.ExecuteAsync(ct =&gt; { continuation(); return default; })</c>
/// (also through a local function that runs it). The continuation is the awaiting method's resumption, which keeps its
/// exceptions in that method's own task, and an awaiter only schedules: the task of the scheduling call (dropped, or kept in
/// a local nobody reads) has nothing to observe. Shared by ASYNC201 and ASYNC202.
/// </summary>
internal static class AwaiterContinuation
{
    public static bool IsHandedOverBy(IInvocationOperation call, ISymbol containingSymbol)
    {
        if (containingSymbol is not IMethodSymbol { Name: "OnCompleted" or "UnsafeOnCompleted", Parameters.Length: 1 } method
            || method.Parameters[0] is not { Type: INamedTypeSymbol { Name: "Action", Arity: 0, TypeKind: TypeKind.Delegate } } continuation)
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            var value = GuardedWork.Peel(argument.Value);
            if (IsContinuation(value, continuation)
                || (value is IAnonymousFunctionOperation lambda && Runs(lambda, continuation)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsContinuation(IOperation? operation, IParameterSymbol continuation)
        => operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, continuation);

    /// <summary>The lambda reads the continuation, itself or in a local function it calls.</summary>
    private static bool Runs(IAnonymousFunctionOperation lambda, IParameterSymbol continuation)
    {
        foreach (var operation in lambda.Body.Descendants())
        {
            if (IsContinuation(operation, continuation)
                || (operation is IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction } local }
                    && local.DeclaringSyntaxReferences.Length == 1
                    && local.DeclaringSyntaxReferences[0].GetSyntax() is LocalFunctionStatementSyntax declaration
                    && Mentions(declaration, continuation.Name)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(LocalFunctionStatementSyntax declaration, string name)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }
}
