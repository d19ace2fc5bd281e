using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncLint.Cli;

/// <summary>
/// <c>asynclint fix PATH --rule ID</c>: applies the rule's code fix everywhere with its FixAll provider, and writes
/// the result only when no project gains a compiler error. <c>--dry-run</c> prints the diff instead.
/// </summary>
internal static class FixCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var rules = RuleSet.Load();
        var id = options.Rule!.ToUpperInvariant();
        if (rules.Descriptor(id) is null)
        {
            throw new CliException($"unknown rule '{options.Rule}'; rules are {string.Join(", ", rules.Descriptors.Select(d => d.Id))}");
        }

        var fixer = rules.FixersFor(id).FirstOrDefault()
            ?? throw new CliException($"{id} has no code fix");
        var fixAll = fixer.GetFixAllProvider()
            ?? throw new CliException($"{id}'s code fix cannot be applied everywhere (no FixAll provider)");

        var path = ProjectLoader.Resolve(options.Path);
        var (workspace, projects) = await ProjectLoader.LoadAsync(path, options.Properties, m => progress.WriteLine(m), cancellationToken).ConfigureAwait(false);
        using (workspace)
        {
            var original = workspace.CurrentSolution;
            var solution = original;
            var fixedFiles = new HashSet<string>(StringComparer.Ordinal);
            var analyzers = rules.AnalyzersFor([id]);
            var total = 0;

            foreach (var projectId in projects.Select(p => p.Id))
            {
                var project = solution.GetProject(projectId)!;
                progress.WriteLine($"analyzing {project.Name}");
                var analysis = await Analysis.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
                if (analysis.RulesTurnedOff.Contains(id))
                {
                    // The fix follows the project's own policy; say why it finds nothing rather than look clean.
                    progress.WriteLine($"{project.Name}: its configuration turns {id} off ({SeverityConfiguration.Sources}); nothing to fix");
                    continue;
                }

                // A multi-targeted project repeats its files once per target framework: fix each file once.
                var diagnostics = analysis.Diagnostics
                    .Where(d => d.Id == id && d.Location.SourceTree?.FilePath is { } file && !fixedFiles.Contains(file))
                    .ToImmutableArray();
                if (diagnostics.IsEmpty)
                {
                    continue;
                }

                var first = diagnostics[0];
                var document = project.GetDocument(first.Location.SourceTree)!;
                var equivalenceKey = await ChooseActionAsync(fixer, document, first, options.Action, cancellationToken).ConfigureAwait(false);
                if (equivalenceKey is null)
                {
                    progress.WriteLine($"{project.Name}: no fix offered for the first {id} hit; skipped");
                    continue;
                }

                var context = new FixAllContext(
                    document,
                    fixer,
                    FixAllScope.Project,
                    equivalenceKey,
                    [id],
                    new FixedDiagnostics(diagnostics),
                    cancellationToken);
                var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                if (action is null)
                {
                    continue;
                }

                foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        solution = apply.ChangedSolution;
                    }
                }

                total += diagnostics.Length;
                foreach (var file in diagnostics.Select(d => d.Location.SourceTree!.FilePath))
                {
                    fixedFiles.Add(file);
                }
            }

            var changed = solution.GetChanges(original).GetProjectChanges()
                .SelectMany(p => p.GetChangedDocuments().Select(d => (Old: original.GetDocument(d)!, New: solution.GetDocument(d)!)))
                .GroupBy(pair => pair.Old.FilePath)
                .Select(g => g.First())
                .ToList();

            if (changed.Count == 0)
            {
                output.WriteLine($"{id}: nothing to fix.");
                return 0;
            }

            var newErrors = await NewCompilerErrorsAsync(original, solution, projects, cancellationToken).ConfigureAwait(false);
            foreach (var (oldDocument, newDocument) in changed)
            {
                if (options.DryRun || newErrors.Count > 0)
                {
                    var before = (await oldDocument.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    var after = (await newDocument.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    output.Write(LineDiff.Unified(oldDocument.FilePath ?? oldDocument.Name, before, after));
                }
            }

            if (newErrors.Count > 0)
            {
                output.WriteLine($"{id}: the fix would add {newErrors.Count} compiler error(s); nothing was written:");
                foreach (var error in newErrors.Take(20))
                {
                    output.WriteLine("  " + error);
                }

                return 1;
            }

            if (options.DryRun)
            {
                output.WriteLine($"{id}: {total} hit(s) in {changed.Count} file(s) would be fixed (dry run: nothing written).");
                return 0;
            }

            if (!workspace.TryApplyChanges(solution))
            {
                throw new CliException("the workspace refused to write the changes");
            }

            output.WriteLine($"{id}: fixed {total} hit(s) in {changed.Count} file(s):");
            foreach (var (oldDocument, _) in changed)
            {
                output.WriteLine("  " + oldDocument.FilePath);
            }

            return 0;
        }
    }

    /// <summary>The equivalence key of the action to apply: the one the user named, else the first offered.</summary>
    private static async Task<string?> ChooseActionAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, string? wanted, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        var flattened = actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? [a] : a.NestedActions).ToList();
        if (wanted is null)
        {
            return flattened.FirstOrDefault()?.EquivalenceKey;
        }

        return flattened.FirstOrDefault(a => string.Equals(a.EquivalenceKey, wanted, StringComparison.OrdinalIgnoreCase)
                || (a.EquivalenceKey?.EndsWith("." + wanted, StringComparison.OrdinalIgnoreCase) ?? false))?.EquivalenceKey
            ?? throw new CliException($"no code action '{wanted}'; offered: {string.Join(", ", flattened.Select(a => a.EquivalenceKey))}");
    }

    private static async Task<List<string>> NewCompilerErrorsAsync(Solution before, Solution after, ImmutableArray<Project> projects, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var project in projects)
        {
            var oldCompilation = await before.GetProject(project.Id)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var newCompilation = await after.GetProject(project.Id)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (oldCompilation is null || newCompilation is null)
            {
                continue;
            }

            var oldErrors = oldCompilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error)
                .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
            foreach (var group in newCompilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).GroupBy(d => d.Id))
            {
                var added = group.Count() - oldErrors.GetValueOrDefault(group.Key);
                errors.AddRange(group.Take(Math.Max(0, added)).Select(d => d.ToString()));
            }
        }

        return errors.Distinct().ToList();
    }

    /// <summary>FixAll asks for the diagnostics it should fix: hand it exactly the ones we found.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
