using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLint.Tests.Infrastructure;

/// <summary>Applies AsyncLint's code fixes the way an IDE does: through a workspace, one action at a time, or FixAll.</summary>
internal static class RobustnessFixing
{
    /// <summary>A one-project workspace holding <paramref name="sources"/>; the first document is the one fixes target.</summary>
    public static Project CreateProject(
        IReadOnlyList<(string Name, string Text)> sources, ReferenceSet references, LanguageVersion languageVersion)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parseOptions = RobustnessAnalysis.ParseOptions(languageVersion);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions)).ToList();
        var documents = sources.Select(s => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, s.Name),
            s.Name,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(s.Text), VersionStamp.Create())),
            filePath: "/robustness/" + s.Name)).ToList();
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Robustness",
            "Robustness",
            LanguageNames.CSharp,
            compilationOptions: RobustnessAnalysis.CompilationOptions(RobustnessAnalysis.OutputKindFor(trees), languageVersion),
            parseOptions: parseOptions,
            documents: documents,
            metadataReferences: RobustnessReferences.Get(references));
        return workspace.AddProject(project);
    }

    /// <summary>The analyzer diagnostics of <paramref name="project"/> (failures included, so callers can assert on them).</summary>
    public static async Task<(Compilation Compilation, AnalysisOutcome Outcome)> AnalyzeAsync(
        Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var outcome = await RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (compilation, outcome);
    }

    /// <summary>Every code action <paramref name="fixer"/> offers for <paramref name="diagnostic"/>, nested ones flattened.</summary>
    public static async Task<ImmutableArray<CodeAction>> GetActionsAsync(
        CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => { lock (actions) { actions.Add(action); } }, cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        var flat = ImmutableArray.CreateBuilder<CodeAction>();
        foreach (var action in actions)
        {
            Flatten(action, flat);
        }

        return flat.ToImmutable();
    }

    private static void Flatten(CodeAction action, ImmutableArray<CodeAction>.Builder into)
    {
        if (action.NestedActions.IsDefaultOrEmpty)
        {
            into.Add(action);
            return;
        }

        foreach (var nested in action.NestedActions)
        {
            Flatten(nested, into);
        }
    }

    /// <summary>The solution after applying <paramref name="action"/>, or null when it produces no change operation.</summary>
    public static async Task<Solution?> ApplyAsync(CodeAction action, CancellationToken cancellationToken = default)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        return operations.OfType<ApplyChangesOperation>().LastOrDefault()?.ChangedSolution;
    }

    /// <summary>
    /// Runs <paramref name="fixer"/>'s FixAll provider in document scope for the diagnostics with
    /// <paramref name="diagnosticId"/> and <paramref name="equivalenceKey"/>; null when there is nothing to fix.
    /// </summary>
    public static async Task<Solution?> FixAllInDocumentAsync(
        CodeFixProvider fixer,
        Document document,
        string diagnosticId,
        string? equivalenceKey,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CancellationToken cancellationToken = default)
    {
        var provider = fixer.GetFixAllProvider();
        if (provider is null)
        {
            return null;
        }

        var context = new FixAllContext(
            document,
            fixer,
            FixAllScope.Document,
            equivalenceKey!,
            [diagnosticId],
            new AnalyzerDiagnosticProvider(analyzers),
            cancellationToken);
        var action = await provider.GetFixAsync(context).ConfigureAwait(false);
        return action is null ? null : await ApplyAsync(action, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when no document text differs between the two solutions.</summary>
    public static async Task<bool> SameTextAsync(Solution before, Solution after, CancellationToken cancellationToken = default)
    {
        foreach (var projectChanges in after.GetChanges(before).GetProjectChanges())
        {
            foreach (var id in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var oldText = await before.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var newText = await after.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (!oldText.ContentEquals(newText))
                {
                    return false;
                }
            }

            if (projectChanges.GetAddedDocuments().Any() || projectChanges.GetRemovedDocuments().Any())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>FixAll asks for diagnostics by running the analyzers on the current state of the project.</summary>
    private sealed class AnalyzerDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var all = await AllAsync(document.Project, cancellationToken).ConfigureAwait(false);
            return all.Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => (await AllAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => AllAsync(project, cancellationToken);

        private async Task<IEnumerable<Diagnostic>> AllAsync(Project project, CancellationToken cancellationToken)
        {
            var (_, outcome) = await AnalyzeAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
            if (!outcome.Failures.IsEmpty)
            {
                throw new InvalidOperationException("An analyzer failed while FixAll computed diagnostics:\n" + string.Join("\n", outcome.Failures));
            }

            return outcome.Diagnostics;
        }
    }
}
