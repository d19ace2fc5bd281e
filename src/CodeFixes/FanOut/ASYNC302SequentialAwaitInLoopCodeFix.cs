using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using AsyncLint.Analyzers.FanOut;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLint.CodeFixes.FanOut;

/// <summary>
/// ASYNC302 fixes, each its own code action:
/// task list (start every operation, <c>await Task.WhenAll</c>, then run the body in order on the completed tasks);
/// as completed (<c>await foreach (... in Task.WhenEach(...))</c>, or a WhenAny loop before .NET 9), offered when the
/// body does not depend on order; bounded (<c>Parallel.ForEachAsync</c> with MaxDegreeOfParallelism), offered when the
/// rest of the body is safe to run concurrently.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC302SequentialAwaitInLoopCodeFix)), Shared]
public sealed class ASYNC302SequentialAwaitInLoopCodeFix : CodeFixProvider
{
    public const string TaskListKey = nameof(ASYNC302SequentialAwaitInLoopCodeFix) + ".TaskList";
    public const string AsCompletedKey = nameof(ASYNC302SequentialAwaitInLoopCodeFix) + ".AsCompleted";
    public const string BoundedKey = nameof(ASYNC302SequentialAwaitInLoopCodeFix) + ".Bounded";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SequentialAwaitInLoop);

    public override FixAllProvider GetFixAllProvider() => FanOutFixHelpers.SequentialFixAll(RewriteAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var anchor = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix) || LoopShape.Find(anchor) is not { } shape)
            {
                continue;
            }

            var properties = diagnostic.Properties;
            context.RegisterCodeFix(
                CodeAction.Create("Start all operations, then await Task.WhenAll (keeps the order)", ct => RewriteAsync(context.Document, anchor, diagnostic, TaskListKey, ct), TaskListKey),
                diagnostic);

            if (properties.ContainsKey(FanOutProperties.OrderInsensitive))
            {
                var title = properties.ContainsKey(FanOutProperties.HasWhenEach)
                    ? "Process results as they complete (Task.WhenEach)"
                    : "Process results as they complete (Task.WhenAny loop)";
                context.RegisterCodeFix(CodeAction.Create(title, ct => RewriteAsync(context.Document, anchor, diagnostic, AsCompletedKey, ct), AsCompletedKey), diagnostic);
            }

            if (properties.ContainsKey(FanOutProperties.ConcurrencySafe) && shape.Loop is ForEachStatementSyntax)
            {
                properties.TryGetValue(FanOutProperties.MaxDegreeOfParallelism, out var degree);
                context.RegisterCodeFix(
                    CodeAction.Create($"Run at most {degree} at a time (Parallel.ForEachAsync)", ct => RewriteAsync(context.Document, anchor, diagnostic, BoundedKey, ct), BoundedKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RewriteAsync(Document document, SyntaxNode anchor, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var shape = LoopShape.Find(anchor);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (shape is null || model is null)
        {
            return document;
        }

        var properties = diagnostic.Properties;
        if ((key == AsCompletedKey && !properties.ContainsKey(FanOutProperties.OrderInsensitive))
            || (key == BoundedKey && (!properties.ContainsKey(FanOutProperties.ConcurrencySafe) || shape.Loop is not ForEachStatementSyntax)))
        {
            return document;
        }

        if (shape.Loop is ForEachStatementSyntax forEach
            && model.GetTypeInfo(forEach.Expression, cancellationToken).Type is { } collectionType
            && collectionType.AllInterfaces.Any(i => i.Name == "IQueryable" && i.ContainingNamespace?.ToDisplayString() == "System.Linq"))
        {
            // Select on an IQueryable would build an expression tree for the query provider (EF cannot translate a call
            // to a service): enumerate it, once, as the loop did.
            shape.SourceText += ".AsEnumerable()";
        }

        var taken = FanOutFixHelpers.TakenNames(model, shape.Loop);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var configureAwait = AwaitSyntax.UsesConfigureAwaitFalse(shape.Loop);
        var linqImported = model.LookupNamespacesAndTypes(shape.Loop.SpanStart, name: "Enumerable")
            .Any(s => s.ContainingNamespace?.ToDisplayString() == "System.Linq");

        List<StatementSyntax> statements;
        switch (key)
        {
            case TaskListKey:
                statements = TaskList(shape, model, taken, cancellationToken);
                break;
            case AsCompletedKey:
                statements = AsCompleted(shape, taken, properties.ContainsKey(FanOutProperties.HasWhenEach), configureAwait);
                break;
            case BoundedKey:
                statements = Bounded(shape, taken, properties, configureAwait);
                linqImported = true;
                break;
            default:
                return document;
        }

        statements = statements.Select(AnnotateGlobalNames).ToList();
        if (shape.Loop is ForStatementSyntax)
        {
            // Enumerable.Range is written qualified: the import adder brings System.Linq in.
            linqImported = true;
        }

        var last = statements[statements.Count - 1];
        statements.RemoveAt(statements.Count - 1);
        var loopNode = FanOutFixHelpers.ListNode(shape.Loop);
        if (statements.Count > 0)
        {
            FanOutFixHelpers.InsertBefore(editor, shape.Loop, statements);
        }

        editor.ReplaceNode(shape.Loop, (current, _) => last.WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation));

        if (!linqImported && editor.OriginalRoot is CompilationUnitSyntax unit && loopNode is not null)
        {
            var usingLinq = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).NormalizeWhitespace()
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            var insertAfter = unit.Usings.LastOrDefault(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)
                && string.CompareOrdinal(u.Name?.ToString(), "System.Linq") < 0 && u.Name?.ToString().StartsWith("System", System.StringComparison.Ordinal) == true);
            if (insertAfter is not null)
            {
                editor.InsertAfter(insertAfter, usingLinq.WithTrailingTrivia(insertAfter.GetTrailingTrivia()));
            }
            else if (unit.Usings.FirstOrDefault() is { } firstUsing)
            {
                editor.InsertBefore(firstUsing, usingLinq.WithTrailingTrivia(firstUsing.GetTrailingTrivia()));
            }
            else
            {
                editor.ReplaceNode(unit, (current, _) => ((CompilationUnitSyntax)current).AddUsings(usingLinq));
            }
        }

        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>var xTasks = source.Select(e => (e, xTask: Op(e))).ToList(); await Task.WhenAll(...); foreach (var (e, xTask) in xTasks) body</c>
    /// with the body's operation replaced by its (completed) task.
    /// </summary>
    private static List<StatementSyntax> TaskList(LoopShape shape, SemanticModel model, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var baseName = shape.BaseName();
        var listName = FanOutFixHelpers.Unique(baseName + "Tasks", taken);
        var taskName = FanOutFixHelpers.Unique(baseName + "Task", taken);
        var lambdaName = FanOutFixHelpers.Unique("started", taken);
        var started = shape.Invocation.WithoutTrivia().ToString();
        if (FanOutFixHelpers.IsValueTask(model, shape.Invocation, cancellationToken))
        {
            started += ".AsTask()";
        }

        var element = shape.ElementName;
        var tuple = $"({element}, {taskName}: {started})";
        var select = shape.PreStatements.Count == 0
            ? $"{shape.SourceText}.Select({element} => {tuple}).ToList()"
            : $"{shape.SourceText}.Select({element} => {{ {string.Join(" ", shape.PreStatements.Select(s => s.WithoutTrivia().ToString()))} return {tuple}; }}).ToList()";
        var whenAll = SyntaxFactory.ParseExpression($"global::System.Threading.Tasks.Task.WhenAll({listName}.Select({lambdaName} => {lambdaName}.{taskName}))")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var body = shape.Body.ReplaceNode(shape.Invocation, SyntaxFactory.IdentifierName(taskName).WithTriviaFrom(shape.Invocation));
        var loop = ((ForEachVariableStatementSyntax)FanOutFixHelpers.ParseStatement($"foreach (var ({element}, {taskName}) in {listName}) {{ }}"))
            .WithStatement(body);
        return new List<StatementSyntax>
        {
            FanOutFixHelpers.ParseStatement($"var {listName} = {select};"),
            SyntaxFactory.ExpressionStatement(AwaitSyntax.Await(whenAll, shape.Loop)),
            loop,
        };
    }

    /// <summary>
    /// <c>var xTasks = source.Select(async e => (e, x: await Op(e))).ToList(); await foreach (var xTask in Task.WhenEach(xTasks)) { var (e, x) = await xTask; rest }</c>,
    /// or the WhenAny loop where Task.WhenEach does not exist.
    /// </summary>
    private static List<StatementSyntax> AsCompleted(LoopShape shape, HashSet<string> taken, bool hasWhenEach, bool configureAwait)
    {
        var baseName = shape.BaseName();
        var listName = FanOutFixHelpers.Unique(baseName + "Tasks", taken);
        var taskName = FanOutFixHelpers.Unique(baseName + "Task", taken);
        var element = shape.ElementName;
        var resultName = shape.DeclaredResult ?? FanOutFixHelpers.Unique(baseName, taken);
        var tuple = $"({element}, {resultName}: {shape.Await.WithoutTrivia()})";
        var select = shape.PreStatements.Count == 0
            ? $"{shape.SourceText}.Select(async {element} => {tuple}).ToList()"
            : $"{shape.SourceText}.Select(async {element} => {{ {string.Join(" ", shape.PreStatements.Select(s => s.WithoutTrivia().ToString()))} return {tuple}; }}).ToList()";

        var rest = new List<StatementSyntax>();
        var deconstruct = FanOutFixHelpers.ParseStatement($"var ({element}, {resultName}) = {AwaitText(taskName, configureAwait)};");
        rest.Add(deconstruct);
        rest.AddRange(shape.PreStatements);
        for (var i = shape.AwaitIndex; i < shape.Statements.Count; i++)
        {
            var statement = shape.Statements[i];
            if (i == shape.AwaitIndex)
            {
                if (shape.DeclaredResult is not null)
                {
                    continue;
                }

                statement = statement.ReplaceNode(shape.Await, SyntaxFactory.IdentifierName(resultName).WithTriviaFrom(shape.Await));
            }

            rest.Add(statement);
        }

        var result = new List<StatementSyntax> { FanOutFixHelpers.ParseStatement($"var {listName} = {select};") };
        if (hasWhenEach)
        {
            var source = $"global::System.Threading.Tasks.Task.WhenEach({listName})" + (configureAwait ? ".ConfigureAwait(false)" : "");
            var loop = (ForEachStatementSyntax)FanOutFixHelpers.ParseStatement($"await foreach (var {taskName} in {source}) {{ }}");
            loop = loop.WithExpression(loop.Expression.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
                .WithStatement(SyntaxFactory.Block(rest));
            result.Add(loop);
        }
        else
        {
            var whenAny = SyntaxFactory.ParseExpression($"global::System.Threading.Tasks.Task.WhenAny({listName})")
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            rest.Insert(0, FanOutFixHelpers.ParseStatement($"{listName}.Remove({taskName});"));
            rest.Insert(0, SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(taskName))
                    .WithInitializer(SyntaxFactory.EqualsValueClause(AwaitSyntax.Await(whenAny, shape.Loop)))))));
            var loop = ((WhileStatementSyntax)FanOutFixHelpers.ParseStatement($"while ({listName}.Count > 0) {{ }}")).WithStatement(SyntaxFactory.Block(rest));
            result.Add(loop);
        }

        return result;
    }

    /// <summary><c>await Parallel.ForEachAsync(source, new ParallelOptions { MaxDegreeOfParallelism = N, CancellationToken = ct }, async (e, token) => body)</c>.</summary>
    private static List<StatementSyntax> Bounded(LoopShape shape, HashSet<string> taken, ImmutableDictionary<string, string?> properties, bool configureAwait)
    {
        properties.TryGetValue(FanOutProperties.MaxDegreeOfParallelism, out var degree);
        properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token);
        var options = token is null
            ? $"new global::System.Threading.Tasks.ParallelOptions {{ MaxDegreeOfParallelism = {degree ?? "8"} }}"
            : $"new global::System.Threading.Tasks.ParallelOptions {{ MaxDegreeOfParallelism = {degree ?? "8"}, CancellationToken = {token} }}";
        var tokenName = FanOutFixHelpers.Unique("token", taken);
        var body = shape.Body as BlockSyntax ?? SyntaxFactory.Block(shape.Body);
        var lambda = SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Parameter(SyntaxFactory.Identifier(shape.ElementName)),
                    SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName)),
                })),
                body.WithoutTrivia())
            .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword));
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Parallel.ForEachAsync").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression(shape.SourceText)),
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression(options).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)),
                SyntaxFactory.Argument(lambda),
            })));
        return new List<StatementSyntax> { SyntaxFactory.ExpressionStatement(AwaitSyntax.Await(call, shape.Loop)) };
    }

    /// <summary>Marks the <c>global::</c>-qualified names this fix wrote so that they are shortened and imported.</summary>
    private static StatementSyntax AnnotateGlobalNames(StatementSyntax statement)
        => statement.ReplaceNodes(
            statement.DescendantNodes().Where(n => n is MemberAccessExpressionSyntax or QualifiedNameSyntax && n.GetFirstToken().IsKind(SyntaxKind.GlobalKeyword)),
            (_, current) => current.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));

    private static string AwaitText(string task, bool configureAwait) => configureAwait ? $"await {task}.ConfigureAwait(false)" : $"await {task}";

    /// <summary>The loop around the reported await, read from syntax.</summary>
    private sealed class LoopShape
    {
        private LoopShape(StatementSyntax loop, StatementSyntax body, IReadOnlyList<StatementSyntax> statements, int awaitIndex,
            AwaitExpressionSyntax await, InvocationExpressionSyntax invocation, string elementName, string sourceText)
        {
            Loop = loop;
            Body = body;
            Statements = statements;
            AwaitIndex = awaitIndex;
            Await = await;
            Invocation = invocation;
            ElementName = elementName;
            SourceText = sourceText;
        }

        public StatementSyntax Loop { get; }

        public StatementSyntax Body { get; }

        public IReadOnlyList<StatementSyntax> Statements { get; }

        public int AwaitIndex { get; }

        public AwaitExpressionSyntax Await { get; }

        public InvocationExpressionSyntax Invocation { get; }

        public string ElementName { get; }

        public string SourceText { get; set; }

        public IReadOnlyList<StatementSyntax> PreStatements => Statements.Take(AwaitIndex).ToList();

        /// <summary>The local the await statement declares (<c>var page = await ...;</c>), if that is all it does.</summary>
        public string? DeclaredResult => Statements[AwaitIndex] is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
                                         && variables[0].Initializer?.Value == Await
            ? variables[0].Identifier.ValueText
            : null;

        public string BaseName()
        {
            if (DeclaredResult is { } declared)
            {
                return FanOutFixHelpers.CamelCase(declared);
            }

            var method = Invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => "operation",
            };
            return FanOutFixHelpers.CamelCase(method);
        }

        public static LoopShape? Find(SyntaxNode anchor)
        {
            if (anchor is not AwaitExpressionSyntax await || FanOutFixHelpers.StartedInvocation(await) is not { } invocation)
            {
                return null;
            }

            var loop = await.Ancestors().FirstOrDefault(n => n is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax) as StatementSyntax;
            string elementName;
            string sourceText;
            StatementSyntax body;
            switch (loop)
            {
                case ForEachStatementSyntax forEach:
                    elementName = forEach.Identifier.ValueText;
                    sourceText = forEach.Expression.WithoutTrivia().ToString();
                    if (forEach.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax))
                    {
                        sourceText = "(" + sourceText + ")";
                    }

                    body = forEach.Statement;
                    break;
                case ForStatementSyntax { Declaration.Variables: { Count: 1 } variables, Condition: BinaryExpressionSyntax { Right: { } bound } } forLoop:
                    elementName = variables[0].Identifier.ValueText;
                    sourceText = $"global::System.Linq.Enumerable.Range(0, {bound.WithoutTrivia()})";
                    body = forLoop.Statement;
                    break;
                default:
                    return null;
            }

            if (!FanOutFixHelpers.TryGetStatementList(loop, out _, out _))
            {
                return null;
            }

            IReadOnlyList<StatementSyntax> statements = body is BlockSyntax block ? block.Statements : new[] { body };
            var awaitIndex = -1;
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].Span.Contains(await.Span))
                {
                    awaitIndex = i;
                    break;
                }
            }

            return awaitIndex < 0 ? null : new LoopShape(loop, body, statements, awaitIndex, await, invocation, elementName, sourceText);
        }
    }
}
