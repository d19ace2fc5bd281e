using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// A response HttpClient has read whole before handing it back: <c>SendAsync</c>, <c>GetAsync</c>, <c>PostAsync</c>…
/// complete only after the content is buffered unless told <c>HttpCompletionOption.ResponseHeadersRead</c>
/// (the default is <c>ResponseContentRead</c>). Its <c>Content</c>'s stream is then a view of that buffer, and reading
/// it synchronously reads memory. <c>GetStreamAsync</c> and <c>ResponseHeadersRead</c> stream from the socket.
/// </summary>
internal static class BufferedHttpResponse
{
    /// <summary><c>response.Content</c>, where <c>response</c> came from such a call here.</summary>
    public static bool IsContentOfBufferedResponse(IOperation content, INamedTypeSymbol? httpClient)
        => httpClient is not null
           && content is IPropertyReferenceOperation { Property.Name: "Content", Instance: { } response }
           && (IsReadWhole(response, httpClient, depth: 0) || IsBufferedEarlier(content.Syntax, response));

    /// <summary>
    /// <c>var text = await response.Content.ReadAsStringAsync(); … await response.Content.ReadAsStreamAsync()</c>: an earlier
    /// statement of an enclosing block has awaited <c>ReadAsStringAsync</c>, <c>ReadAsByteArrayAsync</c> or
    /// <c>LoadIntoBufferAsync</c> on the same response (a local or parameter) and so buffered its content: the stream read
    /// afterwards is a view of that buffer, whatever sent the request. Syntax only, on the response's name.
    /// </summary>
    private static bool IsBufferedEarlier(SyntaxNode content, IOperation response)
    {
        var name = response switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        for (var node = content.Parent; node is not null && node is not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = node.Parent)
        {
            if (node is not StatementSyntax statement || statement.Parent is not BlockSyntax block)
            {
                continue;
            }

            foreach (var earlier in block.Statements)
            {
                if (earlier == statement)
                {
                    break;
                }

                foreach (var awaited in earlier.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    // The earlier statement's own await, not one in a branch or loop nested in it.
                    if (awaited is AwaitExpressionSyntax { Expression: var operand } && BuffersContentOf(AwaitSyntax.WithoutConfigureAwait(operand), name)
                        && awaited.FirstAncestorOrSelf<StatementSyntax>() == earlier)
                    {
                        return true;
                    }
                }
            }
        }

        return false;

        static bool BuffersContentOf(ExpressionSyntax call, string name)
            => call is InvocationExpressionSyntax
               {
                   Expression: MemberAccessExpressionSyntax
                   {
                       Name.Identifier.ValueText: "ReadAsStringAsync" or "ReadAsByteArrayAsync" or "LoadIntoBufferAsync",
                       Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax receiver },
                   },
               }
               && receiver.Identifier.ValueText == name;
    }

    /// <summary>
    /// <c>response.Content.ReadAsStringAsync()</c> (or <c>…Stream…</c>, <c>…ByteArray…</c>) on such a response: the content is
    /// in memory already, so the task the read returns is complete when it is handed back.
    /// </summary>
    public static bool IsReadOfBufferedContent(IOperation task, INamedTypeSymbol? httpClient)
    {
        while (task is IConversionOperation { IsImplicit: true } conversion)
        {
            task = conversion.Operand;
        }

        return task is IInvocationOperation { TargetMethod.Name: "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync", Instance: { } content }
               && IsContentOfBufferedResponse(content, httpClient);
    }

    private static bool IsReadWhole(IOperation response, INamedTypeSymbol httpClient, int depth)
    {
        while (response is IConversionOperation or IParenthesizedOperation)
        {
            response = response is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)response).Operand;
        }

        switch (response)
        {
            case ILocalReferenceOperation local when depth < 2:
                return (AssignedValue.Initializer(local) ?? AssignedValue.Earlier(local)) is { } value && IsReadWhole(value, httpClient, depth + 1);
            case IAwaitOperation { Operation: IInvocationOperation awaited }:
                return IsBufferingSend(awaited is { TargetMethod.Name: "ConfigureAwait", Instance: IInvocationOperation inner } ? inner : awaited, httpClient);
            case IInvocationOperation { TargetMethod.Name: "Send" } send:
                return IsBufferingSend(send, httpClient);
            default:
                return false;
        }
    }

    private static bool IsBufferingSend(IInvocationOperation call, INamedTypeSymbol httpClient)
    {
        if (call.TargetMethod.Name is not ("Send" or "SendAsync" or "GetAsync" or "PostAsync" or "PutAsync" or "PatchAsync" or "DeleteAsync")
            || !call.TargetMethod.ContainingType.InheritsFromOrEquals(httpClient))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            // HttpCompletionOption.ResponseContentRead is 0; anything else, or a value not known here, may stream.
            if (argument.Parameter?.Type is { TypeKind: TypeKind.Enum, Name: "HttpCompletionOption" }
                && argument.Value.ConstantValue is not { HasValue: true, Value: 0 })
            {
                return false;
            }
        }

        return true;
    }
}
