using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>
/// ASYNC205: makes the function async and rewrites every return of its own body so that it still compiles and now waits:
/// <c>return F();</c> → <c>return await F();</c> (Task&lt;T&gt;) or <c>await F(); return;</c> (Task),
/// <c>return Task.FromResult(v);</c> → <c>return v;</c>, <c>return Task.CompletedTask;</c> → <c>return;</c>,
/// <c>return Task.FromException(e);</c> → <c>throw e;</c>. Not offered where a function cannot be async
/// (ref/out/in or ref-struct parameters, ref locals, stackalloc, unsafe, accessors), where a return needs an await inside a
/// <c>lock</c>, or where a return value is not something it can rewrite (null, a non-task awaitable).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC205TaskReturnedFromUsingOrTryCodeFix)), Shared]
public sealed class ASYNC205TaskReturnedFromUsingOrTryCodeFix : CodeFixProvider
{
    private const string Title = "Make the method async and await the task";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TaskReturnedFromUsingOrTry);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
                && Plan(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct)!,
                        equivalenceKey: nameof(ASYNC205TaskReturnedFromUsingOrTryCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var plans = new Dictionary<SyntaxNode, FunctionPlan>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
                && Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is { } plan
                && !plans.ContainsKey(plan.Function))
            {
                plans.Add(plan.Function, plan);
            }
        }

        foreach (var plan in plans.Values)
        {
            Apply(editor, plan);
        }

        return editor.GetChangedDocument();
    }

    // ---- what to write ---------------------------------------------------------------------------------------

    private enum ReturnRewrite
    {
        /// <summary><c>return await e;</c></summary>
        ReturnAwait,

        /// <summary><c>await e; return;</c> (the return dropped at the end of the body).</summary>
        AwaitThenReturn,

        /// <summary><c>return v;</c> for <c>Task.FromResult(v)</c> and <c>new ValueTask&lt;T&gt;(v)</c>.</summary>
        ReturnValue,

        /// <summary><c>return;</c> for <c>Task.CompletedTask</c> (dropped at the end of the body).</summary>
        ReturnNothing,

        /// <summary><c>throw e;</c> for <c>Task.FromException(e)</c>.</summary>
        Throw,
    }

    private sealed class FunctionPlan
    {
        public FunctionPlan(SyntaxNode function, BlockSyntax body, List<(ReturnStatementSyntax Return, ReturnRewrite Rewrite, ExpressionSyntax Operand)> returns)
        {
            Function = function;
            Body = body;
            Returns = returns;
        }

        public SyntaxNode Function { get; }

        public BlockSyntax Body { get; }

        public List<(ReturnStatementSyntax Return, ReturnRewrite Rewrite, ExpressionSyntax Operand)> Returns { get; }
    }

    /// <summary>The rewrite of the function that contains the diagnostic's return, or null when it cannot be made async safely.</summary>
    private static FunctionPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ReturnStatementSyntax diagnosed
            || MakeAsync.EnclosingFunction(diagnosed) is not { } function
            || !MakeAsync.IsFunction(function)
            || MakeAsync.IsAsync(function)
            || MakeAsync.Body(function) is not { } body)
        {
            return null;
        }

        var symbol = function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
        if (symbol is null || TaskKind(symbol.ReturnType) is not { } kind || !CanBeAsync(symbol, function, body, model, cancellationToken))
        {
            return null;
        }

        var generic = kind.Generic;
        var returns = new List<(ReturnStatementSyntax, ReturnRewrite, ExpressionSyntax)>();
        foreach (var @return in MakeAsync.OwnDescendants(body).OfType<ReturnStatementSyntax>())
        {
            if (@return.Expression is not { } expression || Classify(expression, generic, symbol.ReturnType, model, cancellationToken) is not { } rewrite)
            {
                return null;
            }

            if (rewrite.Rewrite is ReturnRewrite.ReturnAwait or ReturnRewrite.AwaitThenReturn
                && (AsyncContext.IsAwaitForbiddenAt(@return)
                    || model.GetOperation(@return, cancellationToken) is { } returnOperation && AwaitPosition.WhyAwaitIsForbidden(returnOperation) is not null))
            {
                return null;
            }

            returns.Add((@return, rewrite.Rewrite, rewrite.Operand));
        }

        return new FunctionPlan(function, body, returns);
    }

    private static (ReturnRewrite Rewrite, ExpressionSyntax Operand)? Classify(
        ExpressionSyntax expression, bool generic, ITypeSymbol returnType, SemanticModel model, CancellationToken cancellationToken)
    {
        var bare = expression;
        while (bare is ParenthesizedExpressionSyntax parenthesized)
        {
            bare = parenthesized.Expression;
        }

        if (bare.IsKind(SyntaxKind.NullLiteralExpression))
        {
            return null;
        }

        if (bare is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax)
        {
            // default(ValueTask) is complete; default(Task) is null.
            if (returnType.IsValueType)
            {
                return generic
                    ? (ReturnRewrite.ReturnValue, SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression))
                    : (ReturnRewrite.ReturnNothing, bare);
            }

            return null;
        }

        if (model.GetSymbolInfo(bare, cancellationToken).Symbol is { } symbol && TaskKind(symbol.ContainingType) is not null)
        {
            switch (symbol)
            {
                case IPropertySymbol { Name: "CompletedTask", IsStatic: true } when !generic:
                    return (ReturnRewrite.ReturnNothing, bare);
                case IMethodSymbol { Name: "FromResult", IsStatic: true } when generic && bare is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } fromResult:
                    return (ReturnRewrite.ReturnValue, fromResult.ArgumentList.Arguments[0].Expression);
                case IMethodSymbol { Name: "FromException", IsStatic: true } when bare is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } fromException:
                    return (ReturnRewrite.Throw, fromException.ArgumentList.Arguments[0].Expression);
                case IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0 } when !generic:
                    return (ReturnRewrite.ReturnNothing, bare);
                case IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 1 } constructor
                    when generic && TaskKind(constructor.Parameters[0].Type) is null
                         && bare is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1 } creation:
                    return (ReturnRewrite.ReturnValue, creation.ArgumentList.Arguments[0].Expression);
            }
        }

        // Anything else is awaited: it must be a task of the right shape.
        var type = model.GetTypeInfo(bare, cancellationToken).Type;
        if (TaskKind(type) is not { } kind)
        {
            return null;
        }

        if (generic)
        {
            return kind.Generic && SymbolEqualityComparer.Default.Equals(((INamedTypeSymbol)type!).TypeArguments[0], ((INamedTypeSymbol)returnType).TypeArguments[0])
                ? (ReturnRewrite.ReturnAwait, expression)
                : null;
        }

        return (ReturnRewrite.AwaitThenReturn, expression);
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (the return types an async method may have without a custom builder).</summary>
    private static (bool Generic, bool ValueType)? TaskKind(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 0 or 1 } named
            || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }

        return (named.Arity == 1, named.IsValueType);
    }

    /// <summary>The C# restrictions on async functions.</summary>
    private static bool CanBeAsync(IMethodSymbol symbol, SyntaxNode function, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var parameter in symbol.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType)
            {
                return false;
            }
        }

        foreach (var ancestor in function.AncestorsAndSelf())
        {
            if (ancestor is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                || ancestor is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                || ancestor is UnsafeStatementSyntax)
            {
                return false;
            }
        }

        foreach (var node in MakeAsync.OwnDescendants(body))
        {
            switch (node)
            {
                case RefTypeSyntax or RefExpressionSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
                    or UnsafeStatementSyntax or YieldStatementSyntax:
                    return false;
                case VariableDeclarationSyntax declaration when model.GetTypeInfo(declaration.Type, cancellationToken).Type is { IsRefLikeType: true }:
                    return false;
            }
        }

        return true;
    }

    // ---- writing it ------------------------------------------------------------------------------------------

    private static void Apply(DocumentEditor editor, FunctionPlan plan)
    {
        foreach (var (@return, rewrite, operand) in plan.Returns)
        {
            var last = @return.Parent == plan.Body && plan.Body.Statements.Last() == @return;
            switch (rewrite)
            {
                case ReturnRewrite.ReturnAwait:
                    editor.ReplaceNode(@return.Expression!, AwaitSyntax.Await(operand, @return).WithTriviaFrom(@return.Expression!));
                    break;

                case ReturnRewrite.ReturnValue:
                    editor.ReplaceNode(@return.Expression!, operand.WithTriviaFrom(@return.Expression!));
                    break;

                case ReturnRewrite.Throw:
                    editor.ReplaceNode(@return, SyntaxFactory.ThrowStatement(operand.WithoutTrivia()).WithTriviaFrom(@return));
                    break;

                case ReturnRewrite.ReturnNothing:
                    if (last)
                    {
                        editor.RemoveNode(@return, SyntaxRemoveOptions.KeepNoTrivia);
                    }
                    else
                    {
                        editor.ReplaceNode(@return, SyntaxFactory.ReturnStatement().WithTriviaFrom(@return));
                    }

                    break;

                case ReturnRewrite.AwaitThenReturn:
                    var awaitStatement = SyntaxFactory.ExpressionStatement(AwaitSyntax.Await(operand, @return));
                    if (last)
                    {
                        editor.ReplaceNode(@return, awaitStatement.WithTriviaFrom(@return));
                    }
                    else if (@return.Parent is BlockSyntax or SwitchSectionSyntax)
                    {
                        editor.InsertBefore(@return, awaitStatement.WithLeadingTrivia(@return.GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation));
                        editor.ReplaceNode(@return, SyntaxFactory.ReturnStatement().WithTriviaFrom(@return).WithAdditionalAnnotations(Formatter.Annotation));
                    }
                    else
                    {
                        editor.ReplaceNode(@return, SyntaxFactory.Block(awaitStatement, SyntaxFactory.ReturnStatement())
                            .WithTriviaFrom(@return)
                            .WithAdditionalAnnotations(Formatter.Annotation));
                    }

                    break;
            }
        }

        editor.ReplaceNode(plan.Function, static (current, _) => MakeAsync.AddAsyncModifier(current));
    }
}
