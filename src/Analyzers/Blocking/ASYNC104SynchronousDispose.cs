using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC104's implicit call: a plain <c>using</c> of a writer that buffers (<c>StreamWriter</c>, <c>BufferedStream</c>,
/// <c>Utf8JsonWriter</c>, <c>XmlWriter</c>) or finishes its format on dispose (a compressing stream, a writing
/// <c>CryptoStream</c>), in async code that wrote through it with awaits. Its <c>Dispose</c> writes what is left to the
/// stream underneath synchronously: blocking I/O at the closing brace, and on ASP.NET Core's response body an
/// <c>InvalidOperationException</c> (synchronous writes are disallowed). <c>await using</c> runs <c>DisposeAsync</c>.
/// Only writers whose sink is not known to be memory, and only where the writes were awaited (a writer written
/// synchronously has its own ASYNC104 reports); an awaited <c>FlushAsync</c> first leaves a buffering writer nothing to write.
/// </summary>
public sealed partial class ASYNC10xBlockingCallAnalyzer
{
    private sealed partial class CompilationAnalysis
    {
        public void AnalyzeUsing(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            IOperation resources;
            switch (operation)
            {
                case IUsingOperation { IsAsynchronous: false } statement:
                    resources = statement.Resources;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false } declaration:
                    resources = declaration.DeclarationGroup;
                    break;
                default:
                    return;
            }

            // 'await using' is C# 8. The syntax names the writer first: most usings hold a connection, a scope or a reader.
            if (!CreatesAWriterBySyntax(operation.Syntax)
                || !AsyncContext.MayAwaitAt(operation.Syntax)
                || operation.Syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 })
            {
                return;
            }

            var asyncDisposable = symbols.Type("System.IAsyncDisposable");
            if (asyncDisposable is null)
            {
                return;
            }

            var resourceLocals = ResourceLocals(resources);
            if (resourceLocals.Count == 0)
            {
                return;
            }

            string? reported = null;
            var fixable = true;
            List<IOperation>? scope = null;
            foreach (var (local, value) in resourceLocals)
            {
                // 'await using' needs every resource of the statement to be async-disposable on every target framework.
                fixable &= IsAsyncDisposableEverywhere(local.Type, asyncDisposable);
                if (reported is not null || value is null || WhatDisposeWrites(value) is not { } writes || !IsAsyncDisposableEverywhere(value.Type, asyncDisposable))
                {
                    continue;
                }

                // The awaited writes first: a writer written synchronously is the common case, and its walk is the cheaper one.
                scope ??= ScopeOf(operation);
                if ((writes == DisposeWrites.Buffer && CreatedWithAutoFlush(value))
                    || !WritesAwaitedThrough(local, scope, writes)
                    || IsInMemory(value, List(context.Options, operation.Syntax.SyntaxTree, AsyncLintOptions.InMemoryTypes), depth: 0)
                    || IsConsoleStream(value)
                    || IsFixtureFileOfTest(value, context.ContainingSymbol))
                {
                    continue;
                }

                reported = value.Type!.Name;
            }

            if (reported is null
                || !AsyncContext.TryGetAsyncFunction(operation, context.ContainingSymbol, symbols, out var function)
                || PeerSuppression.SilencesBlockingCall(operation.Syntax, context.ContainingSymbol, symbols))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.Kind] = AsyncTwinProperties.AwaitUsingKind;
            if (!fixable)
            {
                properties[DiagnosticProperties.NoFix] = "a resource of this using is not async-disposable";
            }
            else if (AwaitPosition.WhyAwaitIsForbidden(operation) is { } reason)
            {
                properties[DiagnosticProperties.NoFix] = reason;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC104,
                UsingHeaderLocation(operation.Syntax),
                properties.ToImmutable(),
                reported + ".Dispose",
                function.Description,
                "await using"));
        }

        /// <summary>
        /// The using creates one of the writers by name (<c>new StreamWriter(…)</c>, <c>StreamWriter w = new(…)</c>,
        /// <c>File.CreateText(…)</c>, <c>XmlWriter.Create(…)</c>), or uses a local whose value is checked later.
        /// </summary>
        private static bool CreatesAWriterBySyntax(SyntaxNode syntax)
        {
            var declaration = syntax switch
            {
                UsingStatementSyntax { Declaration: { } declared } => declared,
                LocalDeclarationStatementSyntax local => local.Declaration,
                _ => null,
            };

            if (declaration is null)
            {
                return syntax is UsingStatementSyntax { Expression: IdentifierNameSyntax };
            }

            foreach (var variable in declaration.Variables)
            {
                var named = variable.Initializer?.Value switch
                {
                    ObjectCreationExpressionSyntax { Type: var created } => HelperSource.RightmostName(created),
                    ImplicitObjectCreationExpressionSyntax => HelperSource.RightmostName(declaration.Type),
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" or "CreateText" or "AppendText" } } => "Create",
                    _ => null,
                };

                if (named is not null && (named == "Create" || IsWriterTypeName(named)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The framework's writers, and project types named like one (a <c>StreamWriter</c> subclass).</summary>
        private static bool IsWriterTypeName(string name)
            => name.EndsWith("Writer", StringComparison.Ordinal) || name.EndsWith("Stream", StringComparison.Ordinal);

        /// <summary>What the resource's <c>Dispose</c> still writes, or null when it writes nothing (or the shape is not known).</summary>
        private DisposeWrites? WhatDisposeWrites(IOperation value)
        {
            var type = value.Type;
            if (type is null)
            {
                return null;
            }

            // An XmlWriter's async members (DisposeAsync among them) throw unless its settings say Async = true.
            if (type.InheritsFromOrEquals(symbols.Type("System.Xml.XmlWriter")))
            {
                return value is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" } } create && create.Arguments.Any(IsAsyncXmlSettings)
                    ? DisposeWrites.Buffer
                    : null;
            }

            // Buffering writers: an awaited FlushAsync empties them.
            if (type.InheritsFromOrEquals(symbols.Type("System.IO.StreamWriter"))
                || type.InheritsFromOrEquals(symbols.Type("System.IO.BufferedStream"))
                || IsUtf8JsonWriter(type))
            {
                return value is IObjectCreationOperation
                       || value is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" or "CreateText" or "AppendText" } }
                    ? DisposeWrites.Buffer
                    : null;
            }

            // Writers that finish their format on dispose (a compressed stream's last block and footer, a cipher's final
            // block): FlushAsync does not write that; only DisposeAsync (or FlushFinalBlockAsync) does.
            if (value is not IObjectCreationOperation { Constructor: { } constructor } creation)
            {
                return null;
            }

            if (IsCompressionStream(type))
            {
                // new GZipStream(s, CompressionLevel.Fastest) compresses; new GZipStream(s, CompressionMode.Decompress) reads.
                var mode = ArgumentAt(creation.Arguments, 1);
                return mode is null || constructor.Parameters.Length < 2
                    ? null
                    : constructor.Parameters[1].Type.Name == "CompressionMode"
                        ? mode.ConstantValue is { HasValue: true, Value: 1 } ? DisposeWrites.FinalBlock : null
                        : DisposeWrites.FinalBlock;
            }

            if (type.InheritsFromOrEquals(symbols.Type("System.Security.Cryptography.CryptoStream")))
            {
                return ArgumentAt(creation.Arguments, 2) is { ConstantValue: { HasValue: true, Value: 1 } } ? DisposeWrites.FinalBlock : null;
            }

            return null;
        }

        /// <summary><c>new XmlWriterSettings { Async = true, … }</c>, given directly or through a local.</summary>
        private static bool IsAsyncXmlSettings(IArgumentOperation argument)
        {
            var value = Strip(argument.Value);
            if (value is ILocalReferenceOperation local && AssignedValue.Initializer(local) is { } initial)
            {
                value = Strip(initial);
            }

            return value is IObjectCreationOperation { Type.Name: "XmlWriterSettings", Initializer: { } initializer }
                   && initializer.Initializers.Any(static i => SetsToTrue(i, "Async"));
        }

        private bool IsCompressionStream(ITypeSymbol type)
            => type.InheritsFromOrEquals(symbols.Type("System.IO.Compression.DeflateStream"))
               || type.InheritsFromOrEquals(symbols.Type("System.IO.Compression.GZipStream"))
               || type.InheritsFromOrEquals(symbols.Type("System.IO.Compression.ZLibStream"))
               || type.InheritsFromOrEquals(symbols.Type("System.IO.Compression.BrotliStream"));

        /// <summary>The type implements IAsyncDisposable, and its DisposeAsync exists on the project's oldest target framework.</summary>
        private bool IsAsyncDisposableEverywhere(ITypeSymbol? type, INamedTypeSymbol asyncDisposable)
        {
            if (type is null || !(type.Is(asyncDisposable) || type.AllInterfaces.Any(i => i.Is(asyncDisposable))))
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("DisposeAsync"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 0 } disposeAsync)
                    {
                        return !FrameworkTwinHistory.IsMissingOn(disposeAsync, oldestTargetLevel);
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// A test that writes its fixture file (<c>new StreamWriter(path)</c>, over <c>File.Create(path)</c>): the same
        /// whole-file step on a local file as the ASYNC104 test exemptions for <c>File.WriteAllText</c>.
        /// </summary>
        private static bool IsFixtureFileOfTest(IOperation value, ISymbol containingSymbol)
        {
            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test)
            {
                return false;
            }

            var sink = value switch
            {
                IObjectCreationOperation creation => ArgumentAt(creation.Arguments, 0),
                IInvocationOperation { TargetMethod.Name: "CreateText" or "AppendText" } invocation => ArgumentAt(invocation.Arguments, 0),
                _ => null,
            };

            return sink is not null
                   && (sink.Type?.SpecialType == SpecialType.System_String || IsFreshLocalFileStream(sink))
                   && TestMethods.IsTest(test);
        }

        /// <summary>
        /// True when code after the <c>using</c> awaits a write through the resource (a call on it or given it, or on a
        /// writer made over it) and does not leave its <c>Dispose</c> nothing to write (an awaited <c>FlushAsync</c> of a
        /// buffering writer, an explicit close, flush or dispose).
        /// </summary>
        private static bool WritesAwaitedThrough(ILocalSymbol resource, List<IOperation> scope, DisposeWrites writes)
        {
            var through = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { resource };
            foreach (var operation in scope)
            {
                // using var writer = new StreamWriter(gzip): writes through the writer reach the resource too.
                if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator
                    && Strip(initializer) is IObjectCreationOperation wrapper
                    && ArgumentAt(wrapper.Arguments, 0) is { } wrapped
                    && Strip(wrapped) is ILocalReferenceOperation { Local: var inner }
                    && through.Contains(inner))
                {
                    through.Add(declarator.Symbol);
                }
            }

            var awaitedWrite = false;
            foreach (var operation in scope)
            {
                // writer.AutoFlush = true: every write flushed the buffer.
                if (writes == DisposeWrites.Buffer && IsAutoFlushOn(operation, through))
                {
                    return false;
                }

                if (operation is IInvocationOperation { Instance: { } instance } call
                    && Strip(instance) is ILocalReferenceOperation { Local: var target }
                    && through.Contains(target))
                {
                    var name = call.TargetMethod.Name;
                    var awaited = IsAwaited(call);
                    if (name is "Close" or "Dispose" or "DisposeAsync" or "Flush" or "FlushFinalBlock" or "FlushFinalBlockAsync"
                        || (awaited && name == "FlushAsync" && writes == DisposeWrites.Buffer))
                    {
                        return false;
                    }

                    awaitedWrite |= awaited;
                    continue;
                }

                if (operation is IInvocationOperation argumentCall && IsAwaited(argumentCall))
                {
                    foreach (var argument in argumentCall.Arguments)
                    {
                        awaitedWrite |= Strip(argument.Value) is ILocalReferenceOperation { Local: var given } && through.Contains(given);
                    }
                }
            }

            return awaitedWrite;
        }

        private static bool IsAutoFlushOn(IOperation operation, HashSet<ILocalSymbol> through)
            => SetsToTrue(operation, "AutoFlush")
               && ((ISimpleAssignmentOperation)operation).Target is IPropertyReferenceOperation { Instance: { } instance }
               && Strip(instance) is ILocalReferenceOperation { Local: var target }
               && through.Contains(target);

        /// <summary><c>new StreamWriter(stream) { AutoFlush = true }</c>.</summary>
        private static bool CreatedWithAutoFlush(IOperation value)
            => value is IObjectCreationOperation { Initializer: { } initializer }
               && initializer.Initializers.Any(static i => SetsToTrue(i, "AutoFlush"));

        /// <summary><c>X = true</c> for a property named <paramref name="property"/> (an initializer's or a statement's).</summary>
        private static bool SetsToTrue(IOperation operation, string property)
            => operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name }, Value.ConstantValue: { HasValue: true, Value: true } }
               && name == property;

        /// <summary><c>await call</c>, <c>await call.ConfigureAwait(false)</c>.</summary>
        private static bool IsAwaited(IInvocationOperation call)
        {
            var parent = call.Parent;
            if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == call)
            {
                parent = configure.Parent;
            }

            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent is IAwaitOperation;
        }

        /// <summary>
        /// The operations the resource lives across, in source order, without those of nested lambdas and local functions
        /// (they may run after the dispose): a using statement's body, or the rest of a using declaration's block.
        /// </summary>
        private static List<IOperation> ScopeOf(IOperation usingOperation)
        {
            var scope = new List<IOperation>();
            IEnumerable<IOperation> roots = usingOperation switch
            {
                IUsingOperation statement => new[] { statement.Body },
                _ => usingOperation.Parent is { } block ? Following(block, usingOperation) : Array.Empty<IOperation>(),
            };

            var pending = new Stack<IOperation>();
            foreach (var root in roots)
            {
                pending.Push(root);
                while (pending.Count > 0)
                {
                    var current = pending.Pop();
                    scope.Add(current);
                    foreach (var child in current.ChildOperations)
                    {
                        if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                        {
                            pending.Push(child);
                        }
                    }
                }
            }

            return scope;
        }

        private static IEnumerable<IOperation> Following(IOperation block, IOperation declaration)
        {
            var end = declaration.Syntax.Span.End;
            foreach (var child in block.ChildOperations)
            {
                if (child.Syntax.SpanStart >= end)
                {
                    yield return child;
                }
            }
        }

        /// <summary>The declared locals of the using and their values (an expression resource must be a local).</summary>
        private static List<(ILocalSymbol Local, IOperation? Value)> ResourceLocals(IOperation resources)
        {
            var found = new List<(ILocalSymbol, IOperation?)>();
            switch (resources)
            {
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            var value = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                            found.Add((declarator.Symbol, value is null ? null : Strip(value)));
                        }
                    }

                    break;
                case ILocalReferenceOperation local:
                    found.Add((local.Local, AssignedValue.Initializer(local) is { } initial ? Strip(initial) : null));
                    break;
            }

            return found;
        }

        /// <summary>From the <c>using</c> keyword to the end of the resource: <c>using var w = new StreamWriter(s)</c>, <c>using (…)</c>.</summary>
        private static Location UsingHeaderLocation(SyntaxNode syntax)
        {
            var span = syntax switch
            {
                UsingStatementSyntax statement => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statement.UsingKeyword.SpanStart, statement.CloseParenToken.Span.End),
                LocalDeclarationStatementSyntax declaration => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(declaration.UsingKeyword.SpanStart, declaration.Declaration.Span.End),
                _ => syntax.Span,
            };

            return Location.Create(syntax.SyntaxTree, span);
        }
    }

    /// <summary>What a resource's synchronous dispose writes.</summary>
    private enum DisposeWrites
    {
        /// <summary>Buffered data (an awaited FlushAsync writes it first).</summary>
        Buffer,

        /// <summary>The format's final block (only the async dispose writes it asynchronously).</summary>
        FinalBlock,
    }
}
