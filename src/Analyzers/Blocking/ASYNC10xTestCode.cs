using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC104/ASYNC105 in test code: the calls a test makes on purpose (the synchronous API it covers, its arrange steps,
/// its own fixture files and tool processes), which the twin check in ASYNC10xBlockingCallAnalyzer.cs leaves alone.
/// </summary>
public sealed partial class ASYNC10xBlockingCallAnalyzer
{
    private sealed partial class CompilationAnalysis
    {
        /// <summary>
        /// A test whose name says it covers the synchronous API (<c>SyncGetContentAsDeserializesContent</c>,
        /// <c>Read_Sync_ReturnsBytes</c>): its synchronous calls are the subject under test, not a mistake.
        /// </summary>
        private static bool TestsTheSyncApi(ISymbol containingSymbol)
            => containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } test
               && TestMethods.IsTest(test)
               && (NamesSync(test.Name) || HasAsyncSiblingTest(test));

        /// <summary>
        /// <c>_permissionService.Authorize(…)</c> in an async test of <c>PermissionServiceTests</c> whose await only arranges
        /// data: the receiver is the class the test class is named after (<c>PermissionService</c> or
        /// <c>IPermissionService</c>), and the test class never names the twin, so the synchronous member is the subject
        /// under test. A class that also tests the async twin keeps the report for a sync call left in an async test.
        /// </summary>
        private static bool TestsSyncMemberOfClassUnderTest(ISymbol containingSymbol, ITypeSymbol? receiverType, ImmutableArray<AsyncTwin> candidates, System.Threading.CancellationToken cancellationToken)
        {
            if (receiverType is null
                || containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test
                || SubjectOfTestClass(test.ContainingType.Name) is not { } subject
                || !(receiverType.Name == subject || (receiverType.TypeKind == TypeKind.Interface && receiverType.Name == "I" + subject))
                || !TestMethods.IsTest(test))
            {
                return false;
            }

            foreach (var reference in test.ContainingType.DeclaringSyntaxReferences)
            {
                var root = reference.GetSyntax(cancellationToken);
                foreach (var twin in candidates)
                {
                    foreach (var _ in SyntaxWords.Identifiers(root, twin.Method.Name))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary><c>PermissionServiceTests</c> → <c>PermissionService</c> (also <c>…Test</c>, <c>…Fixture</c>, <c>…Specs</c>); null otherwise.</summary>
        private static string? SubjectOfTestClass(string testClassName)
        {
            foreach (var suffix in TestClassSuffixes)
            {
                if (testClassName.Length > suffix.Length && testClassName.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return testClassName.Substring(0, testClassName.Length - suffix.Length);
                }
            }

            return null;
        }

        private static readonly ImmutableArray<string> TestClassSuffixes = ImmutableArray.Create("Tests", "Test", "Fixture", "Specs");

        /// <summary>
        /// <c>RawRequest_Form</c> beside <c>RawRequestAsync_Form</c>, <c>Post_Json</c> beside <c>PostAsync_Json</c>: the
        /// class tests each API twice, and the test whose name lacks the "Async" of its sibling's covers the synchronous half.
        /// </summary>
        private static bool HasAsyncSiblingTest(IMethodSymbol test) => HasSiblingTest(test, asyncSibling: true);

        /// <summary>A test method of the same class whose name is this one's with "Async" (or "Asynchronous") added, or removed.</summary>
        private static bool HasSiblingTest(IMethodSymbol test, bool asyncSibling)
        {
            foreach (var member in test.ContainingType.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } sibling
                    && (asyncSibling ? IsAsyncNameOf(sibling.Name, test.Name) : IsAsyncNameOf(test.Name, sibling.Name))
                    && TestMethods.IsTest(sibling))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><paramref name="asyncName"/> is <paramref name="syncName"/> with "Async" or "Asynchronous" inserted once.</summary>
        private static bool IsAsyncNameOf(string asyncName, string syncName)
        {
            foreach (var word in AsyncWords)
            {
                if (asyncName.Length != syncName.Length + word.Length)
                {
                    continue;
                }

                for (var at = asyncName.IndexOf(word, StringComparison.Ordinal); at >= 0; at = asyncName.IndexOf(word, at + 1, StringComparison.Ordinal))
                {
                    if (string.CompareOrdinal(asyncName, 0, syncName, 0, at) == 0
                        && string.CompareOrdinal(asyncName, at + word.Length, syncName, at, syncName.Length - at) == 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> AsyncWords = ImmutableArray.Create("Asynchronous", "Async");

        /// <summary>
        /// <c>Storage.Save(mp)</c> in <c>ListAsync</c>, a test mirrored by a synchronous <c>List</c>: copied from its sibling,
        /// the call arranges or checks what the test is about, it is not the API under test, whose async half the test
        /// awaits. Only when the call's own twin appears nowhere in the test: a synchronous call left beside its awaited
        /// twin in an async test is the leftover the rule is for.
        /// </summary>
        private bool IsArrangeStepOfMirroredTest(IInvocationOperation invocation, ISymbol containingSymbol, ImmutableArray<AsyncTwin> candidates)
        {
            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test
                || test.Name.IndexOf("Async", StringComparison.Ordinal) < 0
                || !TestMethods.IsTest(test)
                || !HasSiblingTest(test, asyncSibling: false))
            {
                return false;
            }

            return !CallsATwin(invocation, candidates);
        }

        /// <summary>
        /// <c>clientStream.Shutdown()</c> in <c>ClientShutdownTest</c>: a test whose name holds the synchronous method's name
        /// as whole words, and not "Async", is about that method; when it never calls the twin, its synchronous call is the
        /// subject under test. A test named for the async API (<c>ShutdownAsyncTest</c>), one that also awaits the twin, or
        /// a test named for something else (<c>WriteLargeDataSetTest</c> calling <c>Shutdown()</c>) keeps the report.
        /// </summary>
        private bool IsTestNamedForTheCall(IInvocationOperation invocation, IMethodSymbol method, ISymbol containingSymbol, ImmutableArray<AsyncTwin> candidates)
        {
            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test
                || !NameWords.ContainsWords(test.Name, method.Name)
                || NameWords.ContainsWords(test.Name, "Async")
                || NameWords.ContainsWords(test.Name, "Asynchronous")
                || !TestMethods.IsTest(test))
            {
                return false;
            }

            return !CallsATwin(invocation, candidates);
        }

        /// <summary>
        /// <c>issues.Create(…)</c> in an async test of <c>NGitLab.Tests</c>, where <c>IIssueClient</c> comes from <c>NGitLab</c>:
        /// the test project is named for the library that declares the receiver, so the library's synchronous API is what
        /// its tests exist to exercise; the async test only awaits its fixture. ASYNC105 only (the framework's I/O stays
        /// reported), and only where the test calls none of that type's async methods: a synchronous call beside the
        /// client's awaited API is the leftover the rule is for.
        /// </summary>
        private bool IsSyncApiOfLibraryUnderTest(IInvocationOperation invocation, IMethodSymbol method, ITypeSymbol? receiverType, ISymbol containingSymbol, ImmutableArray<AsyncTwin> candidates)
            => (receiverType ?? method.ContainingType)?.ContainingAssembly?.Name is { Length: > 0 } library
               && symbols.Compilation.AssemblyName is { } testAssembly
               && testAssembly.Length > library.Length + 1
               && testAssembly[library.Length] == '.'
               && testAssembly.StartsWith(library, StringComparison.Ordinal)
               && containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } test
               && TestMethods.IsTest(test)
               && !CallsAnAsyncMethodOfTheTwinsType(invocation, candidates);

        /// <summary>
        /// The function around the call also calls an async method (<c>…Async</c>) of the twin's type, or of a type of the same
        /// name: <c>await rpc.GenerateAsync(10); rpc.GetBlock(hash)</c> uses the client's async API, so its synchronous call is
        /// a leftover. <c>await GitLabTestContext.CreateAsync()</c> is another type's and does not count.
        /// </summary>
        private bool CallsAnAsyncMethodOfTheTwinsType(IInvocationOperation invocation, ImmutableArray<AsyncTwin> candidates)
        {
            foreach (var entry in IndexOf(invocation).InvocationsByName)
            {
                if (!entry.Key.EndsWith("Async", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var call in entry.Value)
                {
                    foreach (var twin in candidates)
                    {
                        if (call.TargetMethod.ContainingType?.Name == twin.Method.ContainingType?.Name)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The function around the call also calls one of its twins, on whatever receiver.</summary>
        private bool CallsATwin(IInvocationOperation invocation, ImmutableArray<AsyncTwin> candidates)
        {
            var index = IndexOf(invocation);
            foreach (var twin in candidates)
            {
                if (index.InvocationsByName.ContainsKey(twin.Method.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>File.WriteAllText(Path.Combine(root, "a.mkv"), "x")</c> to arrange, <c>File.ReadAllText(output)</c> to check, in
        /// the body of a test method: a whole-file step on the test's own fixture. The test runner gives the test a thread
        /// nothing else waits for, and the awaited twin changes nothing the test can observe. A test helper, and the code
        /// under test, keep the report: there the call is the subject, or runs wherever the helper is called from.
        /// </summary>
        private static bool IsWholeFileStepOfTest(IMethodSymbol method, ISymbol containingSymbol)
            => method.IsStatic
               && method.Name is "ReadAllText" or "ReadAllBytes" or "ReadAllLines" or "WriteAllText" or "WriteAllBytes" or "WriteAllLines" or "AppendAllText" or "AppendAllLines"
               && method.ContainingType is { Name: "File" } file && file.ContainingNamespace.IsNamespace("System.IO")
               && containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } test
               && TestMethods.IsTest(test);

        /// <summary>
        /// <c>context.Response.Body.Seek(0, SeekOrigin.Begin); new StreamReader(context.Response.Body).ReadToEnd()</c> in the body
        /// of a test method: the test reads back output it captured. Only a seekable buffer can be rewound (a network stream
        /// cannot), and in a test that is the capture the test set up (a <c>MemoryStream</c> body, a fixture file). The same
        /// stream expression, rewound earlier in the test (<c>Seek(0, …)</c> or <c>Position = 0</c>), read directly or through a
        /// reader made over it, also a reader local. A read with no rewind before it, and any code that is not a test, keep
        /// the report.
        /// </summary>
        private bool IsReadBackOfARewoundStreamInTest(IInvocationOperation invocation, IOperation? receiver, ISymbol containingSymbol)
        {
            if (receiver is null
                || containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.Length: 1 } test
                || StreamReadThrough(Strip(receiver)) is not { } stream
                || !TestMethods.IsTest(test))
            {
                return false;
            }

            var start = invocation.Syntax.SpanStart;
            foreach (var node in test.DeclaringSyntaxReferences[0].GetSyntax().DescendantNodes(n => n.SpanStart < start))
            {
                if (node.SpanStart < start && IsRewindOf(node, stream))
                {
                    return true;
                }
            }

            return false;

            // The stream a read goes to: the receiver itself, or the stream a reader was made over (inline or in a local).
            ExpressionSyntax? StreamReadThrough(IOperation value)
            {
                switch (value)
                {
                    case IObjectCreationOperation { Type.Name: "StreamReader" or "BinaryReader", Arguments.Length: > 0 } reader:
                        return reader.Arguments[0].Value.Syntax as ExpressionSyntax;
                    case ILocalReferenceOperation { Local: var local }
                        when local.DeclaringSyntaxReferences.Length == 1
                             && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax
                             {
                                 Initializer.Value: ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments.Count: > 0 } creation,
                             }
                             && HelperSource.RightmostName(type) is "StreamReader" or "BinaryReader":
                        return creation.ArgumentList!.Arguments[0].Expression;
                    default:
                        return IsStreamLike(value.Type) ? value.Syntax as ExpressionSyntax : null;
                }
            }
        }

        /// <summary><c>stream.Seek(0, …)</c> or <c>stream.Position = 0</c> on an expression written as <paramref name="stream"/>.</summary>
        private static bool IsRewindOf(SyntaxNode node, ExpressionSyntax stream) => node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Seek", Expression: var target }, ArgumentList.Arguments: { Count: > 0 } arguments }
                => IsZero(arguments[0].Expression) && target.IsEquivalentTo(stream, topLevel: false),
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Position", Expression: var target }, Right: var value }
                => IsZero(value) && target.IsEquivalentTo(stream, topLevel: false),
            _ => false,
        };

        private static bool IsZero(ExpressionSyntax value)
            => value is LiteralExpressionSyntax { Token.ValueText: "0" };

        /// <summary>
        /// <c>ByteString.FromStream(File.OpenRead(fixturePath))</c>, <c>new StreamReader(path).ReadToEnd()</c> in the body of a
        /// test method: the same whole-file step on the test's fixture as <c>File.ReadAllBytes</c>, through a stream opened
        /// on a local file right there. Every stream the call reads or writes must be such a file: a stream the code under
        /// test returned (<c>ByteString.FromStream(await client.DownloadAsync())</c>) keeps the report.
        /// </summary>
        private bool IsFixtureFileStreamStepOfTest(IInvocationOperation invocation, IOperation? receiver, ISymbol containingSymbol)
        {
            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test)
            {
                return false;
            }

            var opensAFile = false;
            if (receiver is not null && IsStreamLike(receiver.Type))
            {
                if (!IsFreshLocalFileStream(receiver))
                {
                    return false;
                }

                opensAFile = true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsFreshLocalFileStream(argument.Value))
                {
                    opensAFile = true;
                }
                else if (IsStreamLike(argument.Value.Type) || IsStreamLike(Strip(argument.Value).Type))
                {
                    return false;
                }
            }

            return opensAFile && TestMethods.IsTest(test);
        }

        /// <summary>
        /// <c>using var kinit = Process.Start(info); kinit.StandardInput.WriteLine(password); kinit.WaitForExit();</c> in the body
        /// of a test method: the test arranges its fixture with a tool it started itself, on its own thread, before the code
        /// under test runs (as with the whole-file steps). The receiver is that process, or its standard input, output or
        /// error; a process handed back by the code under test, and any code that is not a test, keep the report.
        /// </summary>
        private static bool IsOwnProcessStepOfTest(IOperation? receiver, ISymbol containingSymbol)
        {
            if (receiver is null || containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } test)
            {
                return false;
            }

            var process = Strip(receiver);
            if (process is IPropertyReferenceOperation { Property.Name: "StandardInput" or "StandardOutput" or "StandardError", Instance: { } owner })
            {
                process = Strip(owner);
            }

            return process is ILocalReferenceOperation local
                   && local.Type is { Name: "Process" } type && type.ContainingNamespace.IsNamespace("System.Diagnostics")
                   && AssignedValue.Initializer(local) is { } initializer
                   && Strip(initializer) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Start", ContainingType.Name: "Process" } }
                       or IObjectCreationOperation { Type.Name: "Process" }
                   && TestMethods.IsTest(test);
        }

        /// <summary>
        /// <c>File.OpenRead(path)</c>, <c>File.Create(path)</c>, <c>new FileStream(path, …)</c>, <c>new StreamReader(path)</c> (or over one of those),
        /// also through a local initialized with one (<c>using var reader = …</c>) or a helper of the same file that returns one
        /// (<c>static StreamReader OpenFile(string path) =&gt; new StreamReader(new FileStream(path, …))</c>).
        /// </summary>
        private static bool IsFreshLocalFileStream(IOperation value, int depth = 0)
        {
            if (depth > 4)
            {
                return false;
            }

            switch (Strip(value))
            {
                case ILocalReferenceOperation local:
                    return AssignedValue.Initializer(local) is { } initializer && IsFreshLocalFileStream(initializer, depth + 1);
                case IInvocationOperation { TargetMethod.ContainingType.Name: not "File" } helper:
                    return HelperSource.ReturnedOperation(helper) is { } returned && IsFreshLocalFileStream(returned, depth + 1);
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "OpenRead" or "OpenText" or "Open" or "OpenWrite" or "Create" or "CreateText" or "AppendText", ContainingType: { Name: "File" } file } }:
                    return file.ContainingNamespace.IsNamespace("System.IO");
                case IObjectCreationOperation { Type: { Name: "FileStream" or "StreamReader" or "StreamWriter" } created, Arguments: { Length: > 0 } arguments }
                    when created.ContainingNamespace.IsNamespace("System.IO"):
                    var source = arguments[0].Value;
                    return created.Name == "FileStream" || source.Type?.SpecialType == SpecialType.System_String || IsFreshLocalFileStream(source, depth + 1);
                default:
                    return false;
            }
        }
    }
}
