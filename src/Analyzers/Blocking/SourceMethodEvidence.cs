using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC105's evidence test for methods whose source is in this compilation. A twin on a user type says only
/// that an async version exists; when the synchronous method's own body shows no blocking step at all (a cache
/// lookup beside a fetch: <c>GetChannel(id)</c> next to <c>GetChannelAsync(id)</c>), it does not block, and the
/// suggestion would be noise. Methods without source (metadata, abstract, interface) keep the suggestion: nothing
/// is known either way. One answer per method, cached for the compilation.
/// </summary>
internal sealed class SourceMethodEvidence
{
    /// <summary>Members whose use in a body means the body may block: sync-over-async, waits, and synchronous I/O.</summary>
    private static readonly ImmutableHashSet<string> BlockingMemberNames = ImmutableHashSet.Create(
        "Result", "Wait", "GetResult", "WaitOne", "WaitAll", "WaitAny", "Join", "Sleep", "SpinUntil", "Take",
        "Read", "ReadByte", "ReadLine", "ReadToEnd", "ReadBlock", "ReadExactly", "ReadAtLeast", "Write", "WriteByte",
        "WriteLine", "Flush", "CopyTo", "Send", "SendTo", "Receive", "ReceiveFrom", "Connect", "Accept", "Open",
        "ExecuteReader", "ExecuteNonQuery", "ExecuteScalar", "NextResult", "ReadAllText", "ReadAllBytes",
        "ReadAllLines", "ReadLines", "WriteAllText", "WriteAllBytes", "WriteAllLines", "AppendAllText", "AppendAllLines",
        "DownloadString", "DownloadData", "DownloadFile", "UploadString", "UploadData", "GetResponse", "GetRequestStream",
        "WaitForExit", "SaveChanges", "Find", "First", "Single", "ToList", "ToArray", "Load");

    private readonly ConcurrentDictionary<IMethodSymbol, bool> noBlockingStep = new(SymbolEqualityComparer.Default);

    /// <summary>True when the method's source is here and its body has no step that could block.</summary>
    public bool HasSourceWithoutBlockingStep(IMethodSymbol method)
        => noBlockingStep.GetOrAdd(method.OriginalDefinition, static m => Compute(m));

    private static bool Compute(IMethodSymbol method)
    {
        var references = method.DeclaringSyntaxReferences;
        if (references.IsEmpty || method.IsAbstract || method.IsExtern)
        {
            return false;
        }

        // A body that does no work at all (a literal, `new T()`, `default`, `throw`) is a stub that tells nothing;
        // only a body that does work (reads fields, calls members, indexes) and none of it blocking is a lookup.
        var sawWork = false;
        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not BaseMethodDeclarationSyntax declaration)
            {
                return false;
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                continue;
            }

            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case MemberAccessExpressionSyntax access when BlockingMemberNames.Contains(access.Name.Identifier.ValueText):
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax name } when BlockingMemberNames.Contains(name.Identifier.ValueText):
                    case AwaitExpressionSyntax:
                    case ThrowExpressionSyntax or ThrowStatementSyntax:
                        return false;
                    case MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ConditionalAccessExpressionSyntax:
                        sawWork = true;
                        break;
                }
            }
        }

        return sawWork;
    }
}
