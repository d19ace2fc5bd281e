using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC103–ASYNC105: calls that block the thread inside an async context.
/// One walk over invocations serves the whole family (and ASYNC104SynchronousDispose.cs the implicit Dispose of a
/// plain using); each rule keeps its own descriptor and docs page. The exemptions for test code are in
/// ASYNC10xTestCode.cs, those for work that stays in memory in ASYNC10xInMemory.cs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class ASYNC10xBlockingCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC103,
        DiagnosticDescriptors.ASYNC104,
        DiagnosticDescriptors.ASYNC105);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(symbols, FrameworkTwinHistory.OldestTargetLevel(start.Options));
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeUsing, OperationKind.Using, OperationKind.UsingDeclaration);
        });
    }

    /// <summary>Per-compilation state: the resolved symbols, the twin cache and the callbacks that use them.</summary>
    private sealed partial class CompilationAnalysis
    {
        /// <summary>
        /// Pairs whose <c>XAsync</c> is not an async version of the same blocking work (metadata type name + "." + method).
        /// Extended with <c>asynclint.false_twins</c>.
        /// </summary>
        private static readonly ImmutableHashSet<string> ShippedFalseTwins = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Microsoft.EntityFrameworkCore.DbSet`1.Add",
            "Microsoft.EntityFrameworkCore.DbSet`1.AddRange",
            "Microsoft.EntityFrameworkCore.DbContext.Add",
            "Microsoft.EntityFrameworkCore.DbContext.AddRange",
            "Microsoft.EntityFrameworkCore.IDbContextFactory`1.CreateDbContext",

            // UseTransaction takes a transaction already begun on an open connection: nothing to open or send; the async
            // form only awaits interceptors. CloseConnection is a Close (returned to the pool), which is not skipped I/O.
            "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.UseTransaction",
            "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.CloseConnection",
            "NUnit.Framework.Assert.That",
            "NUnit.Framework.Assert.Multiple",
            "Moq.Mock`1.Raise",
            "System.Threading.CancellationTokenSource.Cancel",
            "System.Data.Common.DbDataReader.GetFieldValue",
            "System.Data.Common.DbDataReader.IsDBNull",

            // The same column getters by name: they look the ordinal up and call the two above.
            "System.Data.DataReaderExtensions.GetFieldValue",
            "System.Data.DataReaderExtensions.IsDBNull",

            // FluentValidation runs the same synchronous rules in Validate and ValidateAsync; a validator with an async rule
            // throws from Validate instead of blocking. The synchronous call never waits on I/O.
            "FluentValidation.IValidator`1.Validate",
            "FluentValidation.IValidator.Validate",
            "FluentValidation.AbstractValidator`1.Validate",
            "FluentValidation.DefaultValidatorExtensions.Validate",

            // A reader has nothing to flush: Complete returns its buffers (PipeWriter.Complete, which may flush, stays).
            "System.IO.Pipelines.PipeReader.Complete",

            // Jint's script engine: ExecuteAsync/EvaluateAsync/InvokeAsync run the same synchronous interpretation, then
            // wait for the promises the script itself created. A script without them gains nothing.
            "Jint.Engine.Execute",
            "Jint.Engine.Evaluate",
            "Jint.Engine.Invoke",

            // Spectre.Console's prompts wait for a person at the keyboard; their async forms only poll Console.KeyAvailable.
            "Spectre.Console.AnsiConsole.Prompt",
            "Spectre.Console.AnsiConsole.Ask",
            "Spectre.Console.AnsiConsole.Confirm",
            "Spectre.Console.AnsiConsoleExtensions.Prompt",
            "Spectre.Console.AnsiConsoleExtensions.Ask",
            "Spectre.Console.AnsiConsoleExtensions.Confirm",
            "Spectre.Console.IPrompt`1.Show",
            "Spectre.Console.TextPrompt`1.Show",
            "Spectre.Console.SelectionPrompt`1.Show",
            "Spectre.Console.MultiSelectionPrompt`1.Show",
            "Spectre.Console.ConfirmationPrompt.Show",

            // ASP.NET Core's formatter results and ODataLib's nested parameter readers: the ...Async forms are Task.FromResult
            // of the same object (a result value, a reader over the parameter reader's own input); neither does I/O.
            "Microsoft.AspNetCore.Mvc.Formatters.InputFormatterResult.Success",
            "Microsoft.AspNetCore.Mvc.Formatters.InputFormatterResult.Failure",
            "Microsoft.AspNetCore.Mvc.Formatters.InputFormatterResult.NoValue",
            "Microsoft.OData.ODataParameterReader.CreateResourceReader",
            "Microsoft.OData.ODataParameterReader.CreateResourceSetReader",
            "Microsoft.OData.ODataParameterReader.CreateCollectionReader",

            // NuGet's package readers answer every ...Async member with Task.FromResult of the synchronous one.
            "NuGet.Packaging.PackageReaderBase.GetIdentity",
            "NuGet.Packaging.PackageReaderBase.GetMinClientVersion",
            "NuGet.Packaging.PackageReaderBase.GetPackageTypes",
            "NuGet.Packaging.PackageReaderBase.GetStream",
            "NuGet.Packaging.PackageReaderBase.GetFiles",
            "NuGet.Packaging.PackageReaderBase.GetNuspec",
            "NuGet.Packaging.PackageReaderBase.GetNuspecFile",
            "NuGet.Packaging.PackageReaderBase.CopyFiles",
            "NuGet.Packaging.PackageReaderBase.GetFrameworkItems",
            "NuGet.Packaging.PackageReaderBase.GetBuildItems",
            "NuGet.Packaging.PackageReaderBase.GetToolItems",
            "NuGet.Packaging.PackageReaderBase.GetContentItems",
            "NuGet.Packaging.PackageReaderBase.GetLibItems",
            "NuGet.Packaging.PackageReaderBase.GetReferenceItems",
            "NuGet.Packaging.PackageReaderBase.GetPackageDependencies",
            "NuGet.Packaging.PackageReaderBase.GetSupportedFrameworks",
            "NuGet.Packaging.PackageReaderBase.IsServiceable",
            "NuGet.Packaging.PackageReaderBase.GetItems",
            "NuGet.Packaging.PackageReaderBase.GetDevelopmentDependency");

        /// <summary>The member names of <see cref="ShippedFalseTwins"/> (after the last '.').</summary>
        private static readonly ImmutableHashSet<string> ShippedFalseTwinMembers = MemberNames(ShippedFalseTwins);

        private readonly AsyncSymbols symbols;
        private readonly BlockingSymbols blocking;
        private readonly AsyncTwinLookup twins;
        private readonly SourceMethodEvidence sourceEvidence = new();
        private readonly AdoNetDefaultTwins adoNetDefaults;

        // The oldest of the project's target frameworks (FrameworkTwinHistory): a framework twin it lacks is no twin.
        private readonly int oldestTargetLevel;
        private readonly ConditionalWeakTable<IOperation, FunctionIndex> functionIndexes = new();

        // A private field's values, read from its type's declaration once: a connector's stream field is the receiver
        // of hundreds of calls, and each read binds the type's assignments again.
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<IOperation>> fieldValues = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<IOperation>> parameterValues = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> memoryOnlyProperties = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> parsedLists = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> inMemorySourceStreams = new(SymbolEqualityComparer.Default);

        public CompilationAnalysis(AsyncSymbols symbols, int oldestTargetLevel)
        {
            this.symbols = symbols;
            this.oldestTargetLevel = oldestTargetLevel;
            blocking = new BlockingSymbols(symbols);
            twins = new AsyncTwinLookup(blocking);
            adoNetDefaults = new AdoNetDefaultTwins(symbols.Compilation);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;

            // Both rules report only where the code can await: the syntax says so before any symbol of the call is read.
            if (!AsyncContext.MayAwaitAt(invocation.Syntax, throughInPlaceLambdas: true))
            {
                return;
            }

            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return;
            }

            var name = method.Name;
            if (name == "Sleep" && method.ContainingType.Is(symbols.Thread))
            {
                ReportThreadSleep(context, invocation);
                return;
            }

            // Implicit calls (collection-initializer Add, interpolated-string handlers) have no call to rewrite.
            if (invocation.IsImplicit || !IsTwinCandidateName(name))
            {
                return;
            }

            AnalyzeTwin(context, invocation, method);
        }

        private void ReportThreadSleep(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (!AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols, out var function, throughInPlaceLambdas: true)
                || DualCodePath.IsInSyncArm(invocation)
                || EndsTheProcessNext(invocation)
                || PeerSuppression.SilencesBlockingCall(invocation.Syntax, context.ContainingSymbol, symbols))
            {
                return;
            }

            var yields = IsZeroDelay(invocation);
            var replacement = yields ? "await Task.Yield()" : "await Task.Delay(...)";
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.Kind] = yields ? nameof(ThreadSleepFixKind.Yield) : nameof(ThreadSleepFixKind.Delay);
            if (!yields && CancellationTokenInScope.Find(invocation, context.ContainingSymbol, symbols) is { } token)
            {
                properties[DiagnosticProperties.CancellationToken] = token;
            }

            if (AwaitPosition.WhyBlockingCallCannotBeAwaited(invocation) is { } reason)
            {
                properties[DiagnosticProperties.NoFix] = reason;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC103,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                "Thread.Sleep",
                function.Description,
                replacement));
        }

        /// <summary>
        /// <c>Thread.Sleep(3000); Environment.Exit(1);</c>: the pause before the process ends (to let the user read the error,
        /// or the console flush). Nothing else can be starved by the blocked thread; whatever still runs ends with the process.
        /// Only console writes and log calls may come between.
        /// </summary>
        private static bool EndsTheProcessNext(IInvocationOperation sleep)
        {
            if (sleep.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var after = false;
            foreach (var operation in block.Operations)
            {
                if (!after)
                {
                    after = ReferenceEquals(operation, statement);
                    continue;
                }

                if (operation is not IExpressionStatementOperation { Operation: IInvocationOperation call })
                {
                    return false;
                }

                var type = call.TargetMethod.ContainingType;
                if (call.TargetMethod.Name is "Exit" or "FailFast" && type.Name == "Environment" && type.ContainingNamespace.IsNamespace("System"))
                {
                    return true;
                }

                var quiet = (type.Name == "Console" && type.ContainingNamespace.IsNamespace("System"))
                            || (call.Instance?.Type is { } receiver && (receiver.Name is "TextWriter" || LoggingNames.NamesLogger(receiver.Name)))
                            || LoggingNames.NamesLogger(type.Name);
                if (!quiet)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary><c>Thread.Sleep(0)</c> gives up the rest of the time slice: its async analogue is <c>Task.Yield</c>.</summary>
        private static bool IsZeroDelay(IInvocationOperation invocation)
            => invocation.Arguments.Length == 1
               && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 };

        // ---- ASYNC104 / ASYNC105: a synchronous call with an async twin ------------------------------

        /// <summary>
        /// The cheap first gate: names that can never be the synchronous half of a twin pair. Disposal
        /// (<c>Dispose</c>/<c>Close</c>) is not skippable I/O — <c>using</c> calls it, and <c>await using</c> is a
        /// different decision than an awaited call — and the object members are never I/O.
        /// </summary>
        private static bool IsTwinCandidateName(string name)
            => !name.EndsWith("Async", StringComparison.Ordinal)
               && name is not ("Dispose" or "Close" or "ToString" or "Equals" or "GetHashCode" or "GetType" or "Deconstruct" or "GetEnumerator" or "GetAwaiter");

        /// <summary>
        /// <c>logger.Log(message)</c> beside <c>LogAsync</c> (NuGet's <c>ILogger</c>): a logger's synchronous <c>Log…</c> is its
        /// normal path, which buffers, collects or forwards; the async twin is for hosts that marshal to another thread.
        /// </summary>
        private static bool IsLoggerLog(IMethodSymbol method, ITypeSymbol? receiverType)
            => method.Name.StartsWith("Log", StringComparison.Ordinal)
               && (receiverType ?? method.ContainingType) is { } type && LoggingNames.NamesLogger(type.Name);

        /// <summary><paramref name="word"/> as a word of a PascalCase name (<c>ParseDocument</c>, <c>TryParse</c>; not <c>Parser</c>).</summary>
        private static bool NamesAWord(string name, string word)
        {
            for (var at = name.IndexOf(word, StringComparison.Ordinal); at >= 0; at = name.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                var end = at + word.Length;
                if (end == name.Length || char.IsUpper(name[end]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"Sync" as a word of the name: not the tail of "Async", and not the head of "Synchronize".</summary>
        private static bool NamesSync(string name)
        {
            for (var at = name.IndexOf("Sync", StringComparison.OrdinalIgnoreCase); at >= 0; at = name.IndexOf("Sync", at + 4, StringComparison.OrdinalIgnoreCase))
            {
                var afterA = at > 0 && (name[at - 1] == 'A' || name[at - 1] == 'a');
                var next = at + 4 < name.Length ? name[at + 4] : '_';
                if (!afterA && !char.IsLower(next))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A non-public async method whose name says which of its halves is synchronous (<c>WriteTokenSyncReadingAsync</c>,
        /// <c>CopySyncWritingAsync</c>: "Sync" followed by a word in -ing), calling its own type's synchronous methods. The
        /// variant exists for targets its author knows are in memory (a writer over a <c>StringWriter</c>), where the awaited
        /// twin would run the same writes more slowly. A public method, another receiver, or a name like
        /// <c>SyncDataAsync</c> stays reported.
        /// </summary>
        private static bool IsNamedSyncVariantCallingItsOwnType(ISymbol containingSymbol, IOperation? receiver)
        {
            if (containingSymbol is not IMethodSymbol { DeclaredAccessibility: Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal } method
                || receiver is not IInstanceReferenceOperation)
            {
                return false;
            }

            var name = method.Name;
            for (var at = name.IndexOf("Sync", StringComparison.Ordinal); at > 0; at = name.IndexOf("Sync", at + 4, StringComparison.Ordinal))
            {
                var wordEnd = at + 4 < name.Length && char.IsUpper(name[at + 4]) ? at + 5 : -1;
                while (wordEnd > 0 && wordEnd < name.Length && char.IsLower(name[wordEnd]))
                {
                    wordEnd++;
                }

                if (name[at - 1] != 'A' && wordEnd > at + 7 && string.CompareOrdinal(name, wordEnd - 3, "ing", 0, 3) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void AnalyzeTwin(OperationAnalysisContext context, IInvocationOperation invocation, IMethodSymbol method)
        {
            var receiver = Receiver(invocation, method);
            var receiverType = method.IsStatic && !method.IsExtensionMethod ? null : receiver?.Type;
            var searchType = method.IsStatic || receiverType is not INamedTypeSymbol { TypeKind: not TypeKind.Error }
                ? method.ContainingType
                : receiverType;

            var candidates = twins.Find(searchType, method);
            // The dual code path first: in a library that offers both APIs it holds nearly every call that has a twin.
            // Then the cheapest exemptions; the flow-shaped ones (Task.Run lambdas) last.
            if (candidates.IsDefaultOrEmpty
                || DualCodePath.IsInSyncArm(invocation)
                || ((OnItself(receiver, method) || IsFrameworkIo(method, receiverType)) && IsImplementingTheTwin(context.ContainingSymbol as IMethodSymbol, InnermostFunction(invocation), candidates))
                || IsNamedSyncVariantCallingItsOwnType(context.ContainingSymbol, receiver)
                || IsProbeWait(invocation)
                || IsConsoleStream(receiver)
                || OpensANewZipEntry(method, receiver)
                || CompletesAPipeWriterOffAStream(method, receiver)
                || AsksForFireAndForget(invocation)
                || TwinOnlyInherited(receiverType, method, candidates)
                || TestsTheSyncApi(context.ContainingSymbol)
                || TestsSyncMemberOfClassUnderTest(context.ContainingSymbol, receiverType, candidates, context.CancellationToken)
                || IsArrangeStepOfMirroredTest(invocation, context.ContainingSymbol, candidates)
                || IsWholeFileStepOfTest(method, context.ContainingSymbol)
                || IsFixtureFileStreamStepOfTest(invocation, receiver, context.ContainingSymbol)
                || IsOwnProcessStepOfTest(receiver, context.ContainingSymbol)
                || IsReadBackOfARewoundStreamInTest(invocation, receiver, context.ContainingSymbol)
                || IsTestNamedForTheCall(invocation, method, context.ContainingSymbol, candidates)
                || IsLoggerLog(method, receiverType))
            {
                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            var inMemoryTypes = List(context.Options, tree, AsyncLintOptions.InMemoryTypes);
            if ((IsInMemory(receiver, inMemoryTypes, depth: 0) && !HandsBytesToADevice(invocation, receiver, inMemoryTypes))
                || IsFalseTwin(method, receiverType, List(context.Options, tree, AsyncLintOptions.FalseTwins))
                || (IsFrameworkIo(method, receiverType)
                    ? WritesOnlyToMemory(invocation, receiver, inMemoryTypes)

                      // A test that runs both halves on the same data (connection.InsertAll(rows); await connection.InsertAllAsync(rows);)
                      // covers the synchronous API on purpose.
                      || (context.ContainingSymbol is IMethodSymbol test && TestMethods.IsTest(test) && CallsBothHalves(invocation, receiver, candidates))

                    // A library's or this project's API: these exemptions need its pairs, its source or its purpose.
                    : CallsBothHalves(invocation, receiver, candidates)
                      || IsSyncApiOfLibraryUnderTest(invocation, method, receiverType, context.ContainingSymbol, candidates)
                      || sourceEvidence.HasSourceWithoutBlockingStep(method)
                      || HasInMemoryStreamArgument(invocation, receiver, inMemoryTypes)
                      || SavesItselfIntoMemory(invocation, receiver, inMemoryTypes)
                      || AsyncContext.IsEntryPoint(context.ContainingSymbol)
                      || ConvertsInMemory(invocation, receiver))
                || !AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols, out var function, throughInPlaceLambdas: true))
            {
                return;
            }

            // Which twins can be called here: accessible, given arrays where they take Memory, and not dropping a value.
            AsyncTwin? plain = null;
            AsyncTwin? tokened = null;
            foreach (var candidate in candidates)
            {
                // A twin declared here that only wraps this call in a completed task is no async version of it.
                if (!IsUsableHere(candidate, invocation, context.ContainingSymbol, method.IsStatic ? null : receiverType)
                    || (sourceEvidence.IsSynchronousShim(candidate.Method, method) && !AwaitsTheOffloadHere(invocation, receiver, method, candidate))
                    || FrameworkTwinHistory.IsMissingOn(candidate.Method, oldestTargetLevel))
                {
                    continue;
                }

                if (plain is null && !candidate.TokenRequired)
                {
                    plain = candidate;
                }

                if (tokened is null && candidate.AcceptsToken)
                {
                    tokened = candidate;
                }
            }

            // A receiver of a provider without async I/O (SQLite), or typed as an ADO.NET base whose reachable providers all
            // inherit the twin's inline default: the twin runs the synchronous member (last: the first answer reads the
            // project's provider classes).
            if ((plain is null && tokened is null) || AdoNetDefaultTwins.IsSynchronousProvider(receiver) || adoNetDefaults.IsFalseTwin(receiverType, candidates)
                || adoNetDefaults.IsContextOverSqliteOnly(receiverType)
                || PeerSuppression.SilencesBlockingCall(invocation.Syntax, context.ContainingSymbol, symbols))
            {
                return;
            }

            var token = tokened is null ? null : CancellationTokenInScope.Find(invocation, context.ContainingSymbol, symbols);
            var chosen = token is not null ? tokened! : plain ?? tokened!;
            Report(context, invocation, method, receiverType, function, chosen, chosen.AcceptsToken ? token : null);
        }

        private void Report(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            IMethodSymbol method,
            ITypeSymbol? receiverType,
            AsyncFunction function,
            AsyncTwin twin,
            string? token)
        {
            var descriptor = IsFrameworkIo(method, receiverType) ? DiagnosticDescriptors.ASYNC104 : DiagnosticDescriptors.ASYNC105;

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.ReplacementMethod] = twin.Method.Name;
            properties[DiagnosticProperties.TokenRequired] = twin.TokenRequired.ToString();
            properties[AsyncTwinProperties.TokenAccepted] = twin.AcceptsToken.ToString();
            properties[AsyncTwinProperties.ConfigureAwait] = twin.HasConfigureAwait.ToString();
            if (twin.AcceptsToken)
            {
                properties[AsyncTwinProperties.TokenParameterName] = twin.Method.Parameters[twin.TokenOrdinal].Name;
                properties[AsyncTwinProperties.TokenPositional] = IsNextPositional(invocation, method, twin.TokenOrdinal).ToString();
            }

            if (token is not null)
            {
                properties[DiagnosticProperties.CancellationToken] = token;
            }

            if (WhyNoFix(invocation, twin) is { } noFix)
            {
                properties[DiagnosticProperties.NoFix] = noFix;
            }

            var typeName = method.IsStatic || receiverType is not INamedTypeSymbol named ? method.ContainingType.Name : named.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                descriptor,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                typeName + "." + method.Name,
                function.Description,
                "await " + typeName + "." + twin.Method.Name + "(...)"));
        }

        /// <summary>ASYNC104's evidence: the method's type or the receiver's type is a framework I/O or wait API (cached per type).</summary>
        private bool IsFrameworkIo(IMethodSymbol method, ITypeSymbol? receiverType)
            => twins.IsFrameworkIoType(method.ContainingType) || twins.IsFrameworkIoType(receiverType);

        /// <summary>The object the call works on: the instance, the <c>this</c> argument of an extension, or the first argument of a static call.</summary>
        private static IOperation? Receiver(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (!method.IsStatic)
            {
                return invocation.Instance;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The async implementation calling its own synchronous half (<c>ReadAsync</c> calling <c>Read</c>), an
        /// override of the twin, or an implementation of it: the twin is the very method being written. Also a method the
        /// twin's own source calls (directly or through one helper of the same type): the slow path of
        /// <c>CommitAsync</c> that runs <c>Commit</c> under an async lock is part of the twin, and awaiting the twin there would recurse.
        /// </summary>
        /// <summary>
        /// The call works on the object whose twin is being written: <c>this</c> (also implicit or <c>base</c>), or a static
        /// method. <c>ToSingleAsync</c> calling <c>other.ToSingle(…)</c> on another object runs that object's blocking half.
        /// A stream override forwarding to its inner stream keeps the older, wider exemption (ASYNC104's trap tests).
        /// </summary>
        private static bool OnItself(IOperation? receiver, IMethodSymbol method)
            => (method.IsStatic && !method.IsExtensionMethod) || receiver is null || Strip(receiver) is IInstanceReferenceOperation;

        private bool IsImplementingTheTwin(IMethodSymbol? member, IMethodSymbol? localFunction, ImmutableArray<AsyncTwin> candidates)
            => (member is not null && (Implements(member, candidates) || IsCalledByTwin(member, candidates)))
               || (localFunction is not null && Implements(localFunction, candidates));

        private bool IsCalledByTwin(IMethodSymbol member, ImmutableArray<AsyncTwin> candidates)
        {
            foreach (var twin in candidates)
            {
                if (sourceEvidence.TwinCallsMember(twin.Method, member))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The innermost local function around the call (lambdas have no name to compare), or null.</summary>
        private static IMethodSymbol? InnermostFunction(IOperation operation)
            => AsyncContext.EnclosingFunctionOperation(operation) is ILocalFunctionOperation localFunction ? localFunction.Symbol : null;

        private static bool Implements(IMethodSymbol method, ImmutableArray<AsyncTwin> candidates)
        {
            foreach (var twin in candidates)
            {
                var twinType = twin.Method.ContainingType;
                if (method.Name == twin.Method.Name
                    && (method.ContainingType.IsOrImplements(twinType) || twinType.IsOrImplements(method.ContainingType)))
                {
                    return true;
                }

                // Only an explicit implementation has any; asking every method builds an empty array each time.
                if (method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
                {
                    continue;
                }

                foreach (var implemented in method.ExplicitInterfaceImplementations)
                {
                    if (implemented.Name == twin.Method.Name && twinType.IsOrImplements(implemented.ContainingType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>await ConfigAsync("code")</c> beside <c>Config("first_name")</c> in the same function, where <c>ConfigAsync</c> only runs
        /// <c>Config</c> on a pool thread: the author keeps this thread free for the same kind of call elsewhere (an interactive
        /// prompt), so the synchronous one here is the inconsistency the rule is for.
        /// </summary>
        private bool AwaitsTheOffloadHere(IInvocationOperation invocation, IOperation? receiver, IMethodSymbol method, AsyncTwin twin)
        {
            if (!SourceMethodEvidence.OffloadsToThreadPool(twin.Method, method.Name))
            {
                return false;
            }

            foreach (var other in OtherCallsOnTheSameReceiver(invocation, receiver, twin.Method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(other.TargetMethod.OriginalDefinition, twin.Method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The hook pair of user and library types: <c>await instance.BeforeExecuteAsync(cmd); instance.BeforeExecute(cmd);</c>.
        /// The same function also calls the twin on the same receiver with the same arguments, so the two are not
        /// alternatives: both halves are meant to run. Applied to framework I/O only in a test, which runs both halves of an API
        /// on the same data to cover each; elsewhere (<c>await s.FlushAsync(); s.Flush();</c>) it is still a blocking flush.
        /// </summary>
        private bool CallsBothHalves(IInvocationOperation invocation, IOperation? receiver, ImmutableArray<AsyncTwin> candidates)
        {
            foreach (var twin in candidates)
            {
                foreach (var other in OtherCallsOnTheSameReceiver(invocation, receiver, twin.Method.Name))
                {
                    if (IsTwinOf(other.TargetMethod, candidates) && SameArguments(invocation, other))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The other calls named <paramref name="name"/> in the invocation's function whose receiver is the same local,
        /// parameter, field, property or <c>this</c>; none when the receiver is something else (a call's result).
        /// </summary>
        private IEnumerable<IInvocationOperation> OtherCallsOnTheSameReceiver(IInvocationOperation invocation, IOperation? receiver, string name)
        {
            var receiverSymbol = ReferencedSymbol(receiver);
            if ((receiver is not null && receiverSymbol is null)
                || !IndexOf(invocation).InvocationsByName.TryGetValue(name, out var calls))
            {
                yield break;
            }

            foreach (var other in calls)
            {
                if (!ReferenceEquals(other, invocation)
                    && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(Receiver(other, other.TargetMethod)), receiverSymbol))
                {
                    yield return other;
                }
            }
        }

        /// <summary>
        /// What the rule asks about the function around a call, read in one walk and kept for the function's other calls
        /// (a test method with twenty synchronous calls asks twenty times): its calls by method name, and whether it
        /// declares a ref struct local.
        /// </summary>
        private FunctionIndex IndexOf(IOperation operation)
        {
            var root = operation;
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                root = current;
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }
            }

            return functionIndexes.GetValue(root, static r => new FunctionIndex(r));
        }

        private sealed class FunctionIndex
        {
            public FunctionIndex(IOperation root)
            {
                foreach (var descendant in root.Descendants())
                {
                    switch (descendant)
                    {
                        case IInvocationOperation call:
                            if (!InvocationsByName.TryGetValue(call.TargetMethod.Name, out var calls))
                            {
                                calls = new List<IInvocationOperation>();
                                InvocationsByName.Add(call.TargetMethod.Name, calls);
                            }

                            calls.Add(call);
                            break;
                        case IVariableDeclaratorOperation { Symbol.Type.IsRefLikeType: true }:
                            DeclaresRefLikeLocal = true;
                            break;
                    }
                }
            }

            public Dictionary<string, List<IInvocationOperation>> InvocationsByName { get; } = new(StringComparer.Ordinal);

            public bool DeclaresRefLikeLocal { get; }
        }

        private static bool IsTwinOf(IMethodSymbol method, ImmutableArray<AsyncTwin> candidates)
        {
            foreach (var twin in candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, twin.Method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every argument of the synchronous call is the same variable or constant in the twin call.</summary>
        private static bool SameArguments(IInvocationOperation sync, IInvocationOperation twin)
        {
            foreach (var argument in sync.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var other = ArgumentAt(twin.Arguments, parameter.Ordinal);
                if (other is null)
                {
                    return false;
                }

                if (!SameValue(Strip(argument.Value), Strip(other), depth: 0))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The same constant, the same local (or a same-named local of another branch, or its <c>…Async</c>-named twin), parameter
        /// or member of this, or the same member read on such a value (<c>scope.ServiceProvider</c>).
        /// </summary>
        private static bool SameValue(IOperation value, IOperation other, int depth)
        {
            if (value.ConstantValue.HasValue)
            {
                return other.ConstantValue.HasValue && Equals(value.ConstantValue.Value, other.ConstantValue.Value);
            }

            // if (…) { var path = Temp(); Save(path); } else if (…) { var path = Temp(); await SaveAsync(path); }: C# lets two locals
            // share a name only when their scopes do not overlap, so a same-named local of the same type is each branch's copy.
            if (value is ILocalReferenceOperation { Local: var local } && other is ILocalReferenceOperation { Local: var otherLocal }
                && !SymbolEqualityComparer.Default.Equals(local, otherLocal))
            {
                // var key = "expiration"; var keyAsync = key + "Async";: each half of the API on its own twin of the data.
                return (local.Name == otherLocal.Name || otherLocal.Name == local.Name + "Async")
                       && SymbolEqualityComparer.Default.Equals(local.Type, otherLocal.Type);
            }

            if (ReferencedSymbol(value) is { } symbol)
            {
                return SymbolEqualityComparer.Default.Equals(symbol, ReferencedSymbol(other));
            }

            return depth < 3 && (value, other) switch
            {
                (IPropertyReferenceOperation { Arguments.Length: 0, Instance: { } instance } property, IPropertyReferenceOperation { Instance: { } otherInstance } otherProperty)
                    => SymbolEqualityComparer.Default.Equals(property.Property, otherProperty.Property) && SameValue(Strip(instance), Strip(otherInstance), depth + 1),
                (IFieldReferenceOperation { Instance: { } instance } field, IFieldReferenceOperation { Instance: { } otherInstance } otherField)
                    => SymbolEqualityComparer.Default.Equals(field.Field, otherField.Field) && SameValue(Strip(instance), Strip(otherInstance), depth + 1),
                _ => false,
            };
        }

        /// <summary>The local, parameter, field or property a receiver or argument reads; the type for <c>this</c>.</summary>
        private static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : Strip(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property => property.Property,
            IInstanceReferenceOperation instance => instance.Type,
            _ => null,
        };

        /// <summary>
        /// <c>PipeWriter.Complete()</c> on a writer not known to wrap a stream: a <c>Pipe</c>'s writer (<c>pipe.Writer</c>, a
        /// transport's or a test's duplex pipe, a <c>PipeWriter</c> handed in) completes in memory and wakes its reader. Only
        /// a stream's writer (<c>PipeWriter.Create(stream)</c>) writes what it buffered to the stream in <c>Complete</c>; the
        /// writer's origin is read from its local's or private field's values.
        /// </summary>
        private bool CompletesAPipeWriterOffAStream(IMethodSymbol method, IOperation? receiver)
            => method.Name == "Complete"
               && method.ContainingType is { Name: "PipeWriter", ContainingNamespace.Name: "Pipelines" }
               && receiver is not null
               && receiver.Type is { Name: "PipeWriter" }
               && !MayWrapAStream(receiver, depth: 0);

        /// <summary>
        /// A writer made from a stream (<c>PipeWriter.Create(stream)</c>, <c>stream.UsePipeWriter()</c>: an extension's
        /// receiver is one of its arguments), or a variable given one.
        /// </summary>
        private bool MayWrapAStream(IOperation value, int depth)
        {
            value = Strip(value);
            switch (value)
            {
                case IInvocationOperation { Arguments: var arguments } factory when factory.Type is { Name: "PipeWriter" }:
                    return arguments.Any(a => a.Value.Type.InheritsFromOrEquals(blocking.Stream));
                case IObjectCreationOperation creation:
                    return creation.Type?.Name.IndexOf("Stream", StringComparison.Ordinal) >= 0;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return MayWrapAStream(conditional.WhenTrue, depth) || MayWrapAStream(whenFalse, depth);
                case ILocalReferenceOperation local when depth < 4:
                    return AssignedValue.Initializer(local) is { } initial
                        ? MayWrapAStream(initial, depth + 1)
                        : AssignedValue.All(local).Any(v => MayWrapAStream(v, depth + 1));
                case IFieldReferenceOperation { Field.DeclaredAccessibility: Accessibility.Private } field when depth < 4 && value.SemanticModel is { } model:
                    var values = fieldValues.GetOrAdd(field.Field.OriginalDefinition, f => FieldValues((IFieldSymbol)f, model));
                    return values.IsDefault || values.Any(v => MayWrapAStream(v, depth + 1));
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>semaphore.Wait(0)</c>, <c>Wait(TimeSpan.Zero)</c>, <c>if (semaphore.Wait(10))</c>: a probe, not a block; and
        /// <c>Assert.True(semaphore.Wait(5s))</c>: a test's deadline.
        /// </summary>
        private bool IsProbeWait(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Name.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0
                    && (WaitArguments.IsProbe(argument.Value, invocation, blocking.TimeSpan)
                        || (invocation.TargetMethod.Name.StartsWith("Wait", StringComparison.Ordinal)
                            && WaitArguments.IsAssertedDeadline(argument.Value, invocation, blocking.TimeSpan))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The receiver's class overrides the synchronous method (or declares it, under a framework base's virtual default)
        /// but only inherits every twin from a base class declared above it (a sealed <c>DbDataReader</c> over an in-memory
        /// value that overrides <c>Read</c> and not <c>ReadAsync</c>; SqlClient's own <c>GetColumnSchema()</c> under
        /// <c>DbDataReader.GetColumnSchemaAsync</c>). The inherited twin cannot know the derived method: the framework's
        /// defaults run the synchronous method (inline, or on a pool thread), so awaiting it would block just the same.
        /// </summary>
        private static bool TwinOnlyInherited(ITypeSymbol? receiverType, IMethodSymbol method, ImmutableArray<AsyncTwin> candidates)
        {
            if (receiverType is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || method.IsStatic)
            {
                return false;
            }

            // A method the class declares itself (not an override) is matched only against a base class's overridable
            // default from another assembly: a twin written beside it, or in a base of the same code, is a real one.
            var declaresItself = !(method.IsVirtual || method.IsOverride || method.IsAbstract);
            if (declaresItself)
            {
                foreach (var twin in candidates)
                {
                    if (!twin.Method.IsVirtual && !twin.Method.IsOverride
                        || SymbolEqualityComparer.Default.Equals(twin.Method.ContainingAssembly, method.ContainingAssembly))
                    {
                        return false;
                    }
                }
            }

            var syncDepth = ImplementationDepth(type, method);
            if (syncDepth < 0)
            {
                return false;
            }

            foreach (var twin in candidates)
            {
                var twinDepth = ImplementationDepth(type, twin.Method);
                if (twinDepth <= syncDepth)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>How many base types up from <paramref name="type"/> the most derived implementation of <paramref name="target"/> is declared; -1 when not in the class chain.</summary>
        private static int ImplementationDepth(INamedTypeSymbol type, IMethodSymbol target)
        {
            var root = target.OriginalDefinition;
            var depth = 0;
            for (INamedTypeSymbol? current = type; current is not null && depth < 16; current = current.BaseType, depth++)
            {
                foreach (var member in current.GetMembers(target.Name))
                {
                    for (var candidate = member as IMethodSymbol; candidate is not null; candidate = candidate.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, root))
                        {
                            return depth;
                        }
                    }
                }
            }

            return -1;
        }

        /// <summary>
        /// The call asks not to wait: a constant enum argument that includes a member named <c>FireAndForget</c>
        /// (StackExchange.Redis <c>db.KeyDelete(key, CommandFlags.FireAndForget)</c> queues the command and returns at
        /// once). The synchronous call does not block, so there is nothing to await.
        /// </summary>
        private static bool AsksForFireAndForget(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType
                    || argument.Value.ConstantValue is not { HasValue: true, Value: { } value })
                {
                    continue;
                }

                if (FireAndForgetFlag.IsIncludedIn(enumType, value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>archive.CreateEntry(name).Open()</c>: a new entry's stream is opened for writing, with no read or write at the open
        /// (.NET 10's <c>OpenAsync</c> returns it in a completed task); the writes that follow are the I/O. An existing entry's
        /// <c>Open</c> reads its header, or in update mode its whole content, and stays reported.
        /// </summary>
        private static bool OpensANewZipEntry(IMethodSymbol method, IOperation? receiver)
        {
            if (method.Name != "Open" || method.ContainingType is not { Name: "ZipArchiveEntry" } entryType
                || !entryType.ContainingNamespace.IsNamespace("System.IO.Compression") || receiver is null)
            {
                return false;
            }

            var value = Strip(receiver);
            if (value is ILocalReferenceOperation local)
            {
                var values = AssignedValue.Initializer(local) is { } initializer ? ImmutableArray.Create(initializer) : AssignedValue.All(local);
                return !values.IsEmpty && values.All(static v => IsCreateEntry(Strip(v)));
            }

            return IsCreateEntry(value);

            static bool IsCreateEntry(IOperation operation)
                => operation is IInvocationOperation { TargetMethod: { Name: "CreateEntry", ContainingType.Name: "ZipArchive" } };
        }

        /// <summary>
        /// <c>Console.Out</c>, <c>Console.Error</c>, <c>Console.In</c>: synchronized wrappers whose async methods run
        /// synchronously anyway. Also the same streams behind an application's console abstraction: a standard stream of
        /// a console or standard-streams type (<c>console.Output</c> of a CLI framework's <c>IConsole</c>,
        /// <c>context.Streams.Error</c> of an <c>IStandardStreams</c>), a writer type named for the console
        /// (<c>ConsoleWriter</c>), and a writer or stream over <c>Console.OpenStandardOutput()</c>.
        /// </summary>
        private bool IsConsoleStream(IOperation? receiver, bool throughParameters = true)
        {
            if (receiver is null)
            {
                return false;
            }

            var value = Strip(receiver);

            // CopyLines(reader, Console.Out): a private method's writer parameter that every call fills with the console.
            if (throughParameters && value is IParameterReferenceOperation { Parameter: var parameter } && value.SemanticModel is { } model
                && IsStreamLike(parameter.Type))
            {
                return parameterValues.GetOrAdd(parameter.OriginalDefinition, p => ParameterValues((IParameterSymbol)p, model)) is { IsDefaultOrEmpty: false } values
                       && values.All(v => IsConsoleStream(v, throughParameters: false));
            }

            if (value is ILocalReferenceOperation local && AssignedValue.Initializer(local) is { } initializer)
            {
                value = Strip(initializer);
            }

            if (value is IObjectCreationOperation creation && IsStreamLike(creation.Type) && ArgumentAt(creation.Arguments, 0) is { } wrapped)
            {
                value = Strip(wrapped);
            }

            return value switch
            {
                IPropertyReferenceOperation { Property: var property } => property.ContainingType.Is(blocking.Console)
                                                                          || (IsStandardStreamName(property.Name) && NamesTheConsole(property.ContainingType.Name))
                                                                          || IsTestRunnerWriter(property),
                IFieldReferenceOperation { Field: var field } => IsTestRunnerWriter(field),
                IInvocationOperation { TargetMethod: { Name: var name } method } when method.ContainingType.Is(blocking.Console) => name.StartsWith("OpenStandard", StringComparison.Ordinal),
                _ => false,
            } || (value.Type is { } type && NamesTheConsole(type.Name) && IsStreamLike(type));
        }

        /// <summary>
        /// NUnit's <c>TestContext.Out</c>, <c>TestContext.Progress</c> and <c>TestContext.Error</c> (properties or fields,
        /// by version): the runner's output channels for a test, its console in all but name.
        /// </summary>
        private static bool IsTestRunnerWriter(ISymbol member)
            => member is { IsStatic: true, Name: "Out" or "Progress" or "Error", ContainingType: { Name: "TestContext" } context }
               && context.ContainingNamespace.IsNamespace("NUnit.Framework");

        private static bool IsStandardStreamName(string name)
            => name is "Out" or "Error" or "In" or "Output" or "Input" or "Err" or "StdOut" or "StdErr" or "StdIn"
                or "StandardOutput" or "StandardError" or "StandardInput";

        private static bool NamesTheConsole(string typeName)
            => typeName.IndexOf("Console", StringComparison.Ordinal) >= 0
               || typeName.IndexOf("Terminal", StringComparison.Ordinal) >= 0
               || typeName.IndexOf("StandardStream", StringComparison.Ordinal) >= 0
               || typeName.IndexOf("StdStream", StringComparison.Ordinal) >= 0;

        /// <summary>A shipped or configured false twin: the method (declared on this type or a base) is listed.</summary>
        private static bool IsFalseTwin(IMethodSymbol method, ITypeSymbol? receiverType, ImmutableHashSet<string> configured)
        {
            // Every name MatchesName builds here ends with "." + the method's name: a method named by no entry is no
            // false twin, whatever its type (this skips building the type names for nearly every call).
            var shipped = ShippedFalseTwinMembers.Contains(method.Name);
            if (!shipped && !NamesMember(configured, method.Name))
            {
                return false;
            }

            for (ITypeSymbol? current = method.ContainingType; current is not null; current = current.BaseType)
            {
                if (MatchesName(current, ShippedFalseTwins, method.Name) || (!configured.IsEmpty && MatchesName(current, configured, method.Name)))
                {
                    return true;
                }
            }

            if (!configured.IsEmpty)
            {
                for (var current = receiverType; current is not null; current = current.BaseType)
                {
                    if (MatchesName(current, configured, method.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ImmutableHashSet<string> MemberNames(ImmutableHashSet<string> entries)
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                builder.Add(entry.Substring(entry.LastIndexOf('.') + 1));
            }

            return builder.ToImmutable();
        }

        /// <summary>Some entry of <paramref name="names"/> ends with "." + <paramref name="member"/>.</summary>
        private static bool NamesMember(ImmutableHashSet<string> names, string member)
        {
            foreach (var name in names)
            {
                if (name.Length > member.Length
                    && name[name.Length - member.Length - 1] == '.'
                    && name.EndsWith(member, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="names"/> holds the type (as <c>Ns.Outer+Type`1</c>, <c>Ns.Outer.Type</c> or <c>Type</c>),
        /// followed by <c>.member</c> when a member is given.
        /// </summary>
        private static bool MatchesName(ITypeSymbol type, ImmutableHashSet<string> names, string? member)
        {
            var suffix = member is null ? string.Empty : "." + member;
            return names.Contains(MetadataName(type) + suffix)
                || names.Contains(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) + suffix)
                || names.Contains(type.Name + suffix);
        }

        private static string MetadataName(ITypeSymbol type)
        {
            var name = type.MetadataName;
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            var ns = type.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }

        private ImmutableHashSet<string> List(AnalyzerOptions options, SyntaxTree tree, AsyncLintOption option)
        {
            var raw = AsyncLintOptions.Read(options, tree, option);
            if (raw.Length == 0)
            {
                return ImmutableHashSet<string>.Empty;
            }

            if (!parsedLists.TryGetValue(raw, out var parsed))
            {
                parsed = AsyncLintOptions.ReadList(options, tree, option).ToImmutableHashSet(StringComparer.Ordinal);
                parsedLists.TryAdd(raw, parsed);
            }

            return parsed;
        }

        /// <summary>The twin is accessible here, array arguments stand where it takes Memory, and no value is lost.</summary>
        private bool IsUsableHere(AsyncTwin twin, IInvocationOperation invocation, ISymbol containingSymbol, ITypeSymbol? throughType)
        {
            if (twin.ResultIsVoid && invocation.Parent is not IExpressionStatementOperation)
            {
                return false;
            }

            if (twin.ArrayArgumentOrdinals != 0)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { Ordinal: < 64 } parameter
                        && (twin.ArrayArgumentOrdinals & (1UL << parameter.Ordinal)) != 0
                        && !IsArrayValue(argument))
                    {
                        return false;
                    }
                }
            }

            var within = (ISymbol?)containingSymbol.ContainingType ?? containingSymbol.ContainingAssembly;
            return within is not null
                && (IsPublicAllTheWay(twin.Method.OriginalDefinition)
                    || symbols.Compilation.IsSymbolAccessibleWithin(twin.Method.OriginalDefinition, within, throughType));
        }

        /// <summary>
        /// A public member of public types is accessible from everywhere (the receiver type only matters for protected
        /// access): the common case answered without the compiler's access check.
        /// </summary>
        private static bool IsPublicAllTheWay(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>An explicit argument whose value (before the implicit conversion to a span) is an array.</summary>
        private static bool IsArrayValue(IArgumentOperation argument)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                return false;
            }

            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value.Type is IArrayTypeSymbol;
        }

        /// <summary>Can the token go as the next positional argument (every argument so far positional and in order)?</summary>
        private static bool IsNextPositional(IInvocationOperation invocation, IMethodSymbol method, int tokenOrdinal)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax syntax)
            {
                return false;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null)
                {
                    return false;
                }
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    return false;
                }
            }

            var reducedExtension = method.IsExtensionMethod && syntax.Expression is MemberAccessExpressionSyntax && !IsStaticCallSyntax(invocation);
            return syntax.ArgumentList.Arguments.Count + (reducedExtension ? 1 : 0) == tokenOrdinal;
        }

        /// <summary><c>Ext.M(x, …)</c> rather than <c>x.M(…)</c>: the first argument is written in the list.</summary>
        private static bool IsStaticCallSyntax(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Syntax is ArgumentSyntax;
                }
            }

            return false;
        }

        /// <summary>Why the rewrite to <c>await XAsync(...)</c> would not compile or would change behavior here, or null.</summary>
        private string? WhyNoFix(IInvocationOperation invocation, AsyncTwin twin)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax syntax)
            {
                return "not an invocation expression";
            }

            if (syntax.Expression is MemberBindingExpressionSyntax)
            {
                return "awaiting a conditional access ('?.') would await null";
            }

            if (AwaitPosition.WhyBlockingCallCannotBeAwaited(invocation) is { } reason)
            {
                return reason;
            }

            foreach (var ancestor in syntax.Ancestors())
            {
                if (ancestor is CatchFilterClauseSyntax or FixedStatementSyntax)
                {
                    return "await is not allowed here";
                }

                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }
            }

            // Named arguments stay as written: the twin must use the same parameter names.
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Syntax is ArgumentSyntax { NameColon: { } nameColon }
                    && argument.Parameter is { } parameter
                    && (parameter.Ordinal >= twin.Method.Parameters.Length
                        || twin.Method.Parameters[parameter.Ordinal].Name != nameColon.Name.Identifier.ValueText))
                {
                    return "the async counterpart names its parameters differently";
                }
            }

            if (IndexOf(invocation).DeclaresRefLikeLocal)
            {
                return "a ref struct local (Span) in this function cannot live across an await";
            }

            if (IsXmlReaderOrWriter(invocation.Instance?.Type))
            {
                return "XmlReader/XmlWriter async methods throw unless the reader or writer was created with Async = true in its settings";
            }

            return null;
        }

        /// <summary>System.Xml.XmlReader or XmlWriter (or a type derived from one): their XAsync methods need <c>settings.Async = true</c>.</summary>
        private static bool IsXmlReaderOrWriter(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "XmlReader" or "XmlWriter"
                    && current.ContainingNamespace.IsNamespace("System.Xml"))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? ArgumentAt(ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static IOperation Strip(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }
    }
}

/// <summary>What the ASYNC103 fix writes.</summary>
public enum ThreadSleepFixKind
{
    /// <summary><c>await Task.Delay(duration[, token])</c>.</summary>
    Delay,

    /// <summary><c>await Task.Yield()</c>, for <c>Thread.Sleep(0)</c>.</summary>
    Yield,
}
