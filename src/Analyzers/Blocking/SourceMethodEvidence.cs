using System.Linq;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC105's evidence test for methods whose source is in this compilation. A twin on a user type says only
/// that an async version exists; when the synchronous method's own body shows no blocking step at all (a cache
/// lookup beside a fetch: <c>GetChannel(id)</c> next to <c>GetChannelAsync(id)</c>), it does not block, and the
/// suggestion would be noise. Methods without source (metadata, abstract, interface) keep the suggestion: nothing
/// is known either way. One answer per method, cached for the compilation.
/// The same source tells when a twin is no async version at all: <see cref="IsSynchronousShim"/>.
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
    private readonly ConcurrentDictionary<IMethodSymbol, bool> synchronousShims = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<MethodPair, bool> twinCallers = new();

    /// <summary>
    /// True when the twin's source is here and it only runs the synchronous method and wraps its result in a completed task:
    /// <c>{ token.ThrowIfCancellationRequested(); return Task.FromResult(GetSchema()); }</c>, <c>=&gt; new ValueTask&lt;T&gt;(Read())</c>,
    /// <c>{ Flush(); return Task.CompletedTask; }</c>. Awaiting it blocks exactly as long as the call it would replace.
    /// </summary>
    /// <remarks>
    /// Only where the synchronous method's own source does something: a sample's stub pair (<c>Get() =&gt; new User()</c> beside
    /// <c>GetAsync() =&gt; Task.FromResult(Get())</c>) stands for a real API, whose twin would be real.
    /// </remarks>
    public bool IsSynchronousShim(IMethodSymbol twin, IMethodSymbol synchronous)
        => synchronousShims.GetOrAdd(
            twin.OriginalDefinition,
            m => (ComputeShim(m, synchronous.Name) || WorksThenReturnsFinishedTask(m)) && DoesWork(synchronous.OriginalDefinition));

    /// <summary>
    /// True when the twin's source is here and only runs the synchronous method on a pool thread (<c>=&gt; Task.Run(() =&gt; X(…))</c>):
    /// no async version, but a way to keep the caller's thread (a UI thread) free while it blocks. Syntax only.
    /// </summary>
    public static bool OffloadsToThreadPool(IMethodSymbol twin, string synchronousName)
    {
        if (twin.OriginalDefinition.DeclaringSyntaxReferences is not { Length: 1 } references
            || references[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        return MethodBodySyntax.SoleReturnedValue(declaration) is { } value && OffloadedCall(value) is { } call && InvokedName(call) == synchronousName;
    }

    /// <summary>
    /// True when <paramref name="twin"/>'s source (declared in <paramref name="member"/>'s own type) calls <paramref name="member"/>,
    /// directly or through one helper of that type: the member is part of the twin's implementation (dotNext's
    /// <c>CommitAsync</c> → <c>CommitCoreAsync</c> → <c>CommitSlowAsync</c>, which runs the synchronous <c>Commit</c> under an
    /// async lock), so suggesting the twin there would recurse. Names are compared, as written in the source; cached per pair.
    /// </summary>
    public bool TwinCallsMember(IMethodSymbol twin, IMethodSymbol member)
    {
        if (twin.DeclaringSyntaxReferences.IsEmpty
            || !SymbolEqualityComparer.Default.Equals(twin.ContainingType.OriginalDefinition, member.ContainingType.OriginalDefinition))
        {
            return false;
        }

        return twinCallers.GetOrAdd(new MethodPair(twin.OriginalDefinition, member.OriginalDefinition), static pair => Calls(pair.From, pair.To, depth: 0));
    }

    private static bool Calls(IMethodSymbol from, IMethodSymbol to, int depth)
    {
        foreach (var reference in from.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax call || OwnMethodName(call) is not { } name)
                {
                    continue;
                }

                if (name == to.Name)
                {
                    return true;
                }

                // One helper of the same type in between (CommitAsync → CommitCoreAsync → CommitSlowAsync).
                if (depth == 0 && name != from.Name)
                {
                    foreach (var helper in from.ContainingType.GetMembers(name))
                    {
                        if (helper is IMethodSymbol { DeclaringSyntaxReferences.IsEmpty: false } method && Calls(method, to, depth + 1))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The name of a method called on this object: <c>X(...)</c>, <c>X&lt;T&gt;(...)</c>, <c>this.X(...)</c>.</summary>
    private static string? OwnMethodName(InvocationExpressionSyntax call) => call.Expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>True when the method's source is here and its body has no step that could block.</summary>
    public bool HasSourceWithoutBlockingStep(IMethodSymbol method)
        => noBlockingStep.GetOrAdd(method.OriginalDefinition, static m => Compute(m, throwsAllowed: false));

    /// <summary>
    /// A stream override of the project that keeps its bytes itself (MimeKit's <c>MemoryBlockStream.Write</c>, a hash sink's
    /// <c>Write</c>): source that does work, awaits nothing, and calls nothing named for a blocking or stream step. Argument
    /// checks that throw are allowed here (a stream validates its arguments); a body that only throws is a stub.
    /// </summary>
    public static bool KeepsBytesInMemory(IMethodSymbol method)
        => !AlwaysThrows(method) && !CallsStreamStep(method) && Compute(method, throwsAllowed: true);

    /// <summary>
    /// The method's source calls something named for a stream step (<c>ReadCore</c>, <c>FillBuffer</c>, <c>inner.WriteAsync</c>,
    /// <c>SendFrame</c>): a stream override that forwards its bytes rather than keeping them. Stricter than the blocking-name
    /// list, for deciding that a whole stream class lives in memory.
    /// </summary>
    public static bool CallsStreamStep(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                var name = node switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
                    InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && StreamStepWords.Any(word => name.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly ImmutableArray<string> StreamStepWords = ImmutableArray.Create("Read", "Write", "Flush", "Send", "Receive", "Fill", "Pull", "Stream");

    /// <summary>The method's source always ends in a throw (<c>Read</c> of a write-only sink: <c>CheckDisposed(); throw new NotSupportedException();</c>).</summary>
    public static bool AlwaysThrows(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax declaration)
        {
            return false;
        }

        return declaration.ExpressionBody?.Expression is ThrowExpressionSyntax
               || (declaration.Body is { Statements.Count: > 0 } body && body.Statements[body.Statements.Count - 1] is ThrowStatementSyntax
                   && body.Statements.All(static statement => statement is ThrowStatementSyntax or ExpressionStatementSyntax { Expression: InvocationExpressionSyntax }));
    }

    /// <param name="throwsAllowed">
    /// False for the lookup exemption: a throw makes the body unknown (Redis's <c>LuaScript.Load</c> validates its flags, then
    /// does a round trip no name here gives away). True for a stream's own <c>Read</c>/<c>Write</c>: argument checks that throw.
    /// Either way a throw inside a <c>catch</c> clause is allowed: it only translates the exception of the <c>try</c>'s own
    /// steps, which are still checked (dotNext's <c>ForceReplication</c>: <c>try { signal.Set(); } catch (ObjectDisposedException e)
    /// { throw new NotLeaderException(e); }</c>).
    /// </param>
    private static bool Compute(IMethodSymbol method, bool throwsAllowed)
    {
        var references = method.DeclaringSyntaxReferences;
        if (references.IsEmpty || method.IsAbstract || method.IsExtern)
        {
            return false;
        }

        // A body that does no work at all (a literal, `new T()`, `default`, `throw`) is a stub that tells nothing;
        // only a body that does work (reads fields, calls members, indexes) and none of it blocking is a lookup.
        var sawWork = false;
        var translatesInCatch = false;
        var callsOwnOverload = false;
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

            foreach (var node in body.DescendantNodes(n => !throwsAllowed || n is not (ThrowStatementSyntax or ThrowExpressionSyntax)))
            {
                switch (node)
                {
                    case ThrowExpressionSyntax or ThrowStatementSyntax when throwsAllowed:
                        continue;
                    case ThrowExpressionSyntax or ThrowStatementSyntax when InCatchClause(node, body):
                        translatesInCatch = true;
                        continue;
                    case MemberAccessExpressionSyntax access when BlockingMemberNames.Contains(access.Name.Identifier.ValueText):
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax name } when BlockingMemberNames.Contains(name.Identifier.ValueText):
                    case AwaitExpressionSyntax:
                    case ThrowExpressionSyntax or ThrowStatementSyntax:
                        return false;

                    // A try that hands the work to an overload of the method itself and rethrows from its catch
                    // (CompleteChat(messages) recording around CompleteChat(content, options)) wraps the same operation,
                    // the one that has the twin: the catch's allowance must not make it look like a lookup.
                    case InvocationExpressionSyntax call when InvokedName(call) == method.Name:
                        callsOwnOverload = true;
                        sawWork = true;
                        break;
                    case MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ConditionalAccessExpressionSyntax:
                        sawWork = true;
                        break;
                }
            }
        }

        return sawWork && !(translatesInCatch && callsOwnOverload);
    }

    /// <summary>The node lies in a <c>catch</c> block of <paramref name="body"/> (not in its filter, and not in a lambda declared there).</summary>
    private static bool InCatchClause(SyntaxNode node, SyntaxNode body)
    {
        for (var current = node.Parent; current is not null && current != body; current = current.Parent)
        {
            switch (current)
            {
                case BlockSyntax { Parent: CatchClauseSyntax }:
                    return true;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool ComputeShim(IMethodSymbol twin, string synchronousName)
    {
        var references = twin.DeclaringSyntaxReferences;
        if (references.Length != 1 || twin.IsAbstract || twin.IsExtern
            || references[0].GetSyntax() is not MethodDeclarationSyntax declaration
            || declaration.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return false;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return IsCompletedWrapOf(arrow.Expression, synchronousName);
        }

        if (declaration.Body is not { } body)
        {
            return false;
        }

        // Statements before the return may only check the token or call the synchronous method itself.
        var callsSynchronous = false;
        var returns = false;
        foreach (var statement in body.Statements)
        {
            switch (statement)
            {
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when InvokedName(call) == "ThrowIfCancellationRequested":
                    break;
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when InvokedName(call) == synchronousName:
                    callsSynchronous = true;
                    break;
                case ReturnStatementSyntax { Expression: { } value } when IsCompletedWrapOf(value, synchronousName) || (callsSynchronous && IsCompletedTask(value)):
                    returns = true;
                    break;
                default:
                    return false;
            }
        }

        return returns;
    }

    /// <summary>
    /// A twin that is async in name only: not <c>async</c>, its statements do their work on the caller's thread, and every
    /// <c>return</c> hands back a finished task or a token delay (WatsonWebsocket's <c>StartAsync</c>: <c>{ …; _listener.Start();
    /// _accept = Task.Run(AcceptLoop); return Task.Delay(1); }</c> beside a <c>Start</c> doing the same). Awaiting it frees
    /// nothing the synchronous call holds. A twin returning any other task (<c>return _socket.ConnectAsync(…)</c>) is real, and
    /// an expression-bodied stub (<c>=&gt; Task.CompletedTask</c>) stands for an API whose twin would be real.
    /// </summary>
    private static bool WorksThenReturnsFinishedTask(IMethodSymbol twin)
    {
        if (twin.DeclaringSyntaxReferences is not { Length: 1 } references
            || twin.IsAbstract || twin.IsExtern
            || references[0].GetSyntax() is not MethodDeclarationSyntax { Body.Statements: { Count: > 1 } statements } declaration
            || declaration.Modifiers.Any(SyntaxKind.AsyncKeyword)
            || statements[statements.Count - 1] is not ReturnStatementSyntax
            || statements.All(static statement => statement is ReturnStatementSyntax
                || (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } && InvokedName(call) == "ThrowIfCancellationRequested")))
        {
            return false;
        }

        var returns = 0;
        foreach (var node in declaration.Body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is YieldStatementSyntax)
            {
                return false;
            }

            if (node is ReturnStatementSyntax returned)
            {
                if (returned.Expression is not { } value || !(IsCompletedTask(value) || FinishedTaskValue(value) is not null || IsConstantDelay(value)))
                {
                    return false;
                }

                returns++;
            }
        }

        return returns > 0;
    }

    /// <summary><c>Task.Delay(1)</c>: a fixed pause handed back in place of a finished task.</summary>
    private static bool IsConstantDelay(ExpressionSyntax value)
        => value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delay", Expression: var type }, ArgumentList.Arguments: { Count: 1 } arguments }
           && HelperSource.IsTaskTypeName(type)
           && arguments[0].Expression is LiteralExpressionSyntax;

    /// <summary>The method's source is here and is more than a stub: not just a literal, <c>default</c>, a throw or <c>new T()</c> of literals.</summary>
    private static bool DoesWork(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax declaration)
        {
            return false;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return !IsStubValue(arrow.Expression);
        }

        if (declaration.Body is not { Statements.Count: > 0 } body)
        {
            return false;
        }

        return body.Statements.Count > 1
               || body.Statements[0] switch
               {
                   ReturnStatementSyntax { Expression: { } value } => !IsStubValue(value),
                   ThrowStatementSyntax or ReturnStatementSyntax => false,
                   _ => true,
               };
    }

    private static bool IsStubValue(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax or ThrowExpressionSyntax => true,
        PostfixUnaryExpressionSyntax { Operand: var operand } when value.IsKind(SyntaxKind.SuppressNullableWarningExpression) => IsStubValue(operand),
        BaseObjectCreationExpressionSyntax creation => creation.Initializer is null
            && (creation.ArgumentList is null || creation.ArgumentList.Arguments.All(static a => a.Expression is LiteralExpressionSyntax)),
        _ => false,
    };

    /// <summary>
    /// <c>Task.FromResult(X(...))</c>, <c>ValueTask.FromResult(X(...))</c>, <c>new ValueTask&lt;T&gt;(X(...))</c>; and
    /// <c>Task.Run(() =&gt; X(...))</c> (or <c>Task.Factory.StartNew</c>): a twin that only moves the blocking call to a pool
    /// thread, where it blocks as long. An async wrapper of a synchronous method is no async version of it.
    /// </summary>
    private static bool IsCompletedWrapOf(ExpressionSyntax value, string synchronousName)
    {
        if (OffloadedCall(value) is { } offloaded)
        {
            return InvokedName(offloaded) == synchronousName;
        }

        return FinishedTaskValue(value) is InvocationExpressionSyntax call && InvokedName(call) == synchronousName;
    }

    /// <summary>
    /// The value a finished task is made of: <c>x</c> in <c>Task.FromResult(x)</c>, <c>ValueTask.FromResult(x)</c>,
    /// <c>new ValueTask&lt;T&gt;(x)</c> or <c>new(x)</c>; null for anything else.
    /// </summary>
    private static ExpressionSyntax? FinishedTaskValue(ExpressionSyntax value) => value switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult", Expression: var type }, ArgumentList.Arguments: { Count: 1 } arguments }
            when HelperSource.IsTaskTypeName(type) => arguments[0].Expression,
        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } creation
            when creation is ImplicitObjectCreationExpressionSyntax || (creation is ObjectCreationExpressionSyntax explicitType && HelperSource.IsTaskTypeName(explicitType.Type))
            => arguments[0].Expression,
        _ => null,
    };

    /// <summary>The one call that <c>Task.Run(() =&gt; X(...))</c>, <c>Task.Run(() =&gt; { return X(...); })</c> or <c>Task.Factory.StartNew(…)</c> runs.</summary>
    private static InvocationExpressionSyntax? OffloadedCall(ExpressionSyntax value)
    {
        if (value is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew" } access, ArgumentList.Arguments.Count: 1 } run
            || !(HelperSource.IsTaskTypeName(access.Expression)
                 || access.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Factory", Expression: var task } && HelperSource.IsTaskTypeName(task))
            || run.ArgumentList.Arguments[0].Expression is not LambdaExpressionSyntax lambda)
        {
            return null;
        }

        if (lambda.ExpressionBody is InvocationExpressionSyntax body)
        {
            return body;
        }

        return lambda.Block?.Statements is { Count: 1 } statements
            ? statements[0] switch
            {
                ReturnStatementSyntax { Expression: InvocationExpressionSyntax call } => call,
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => call,
                _ => null,
            }
            : null;
    }

    /// <summary><c>Task.CompletedTask</c>, <c>default</c>, <c>new ValueTask()</c>.</summary>
    private static bool IsCompletedTask(ExpressionSyntax value) => value switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask", Expression: var type } => HelperSource.IsTaskTypeName(type),
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression),
        DefaultExpressionSyntax => true,
        ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Type: var type } => HelperSource.IsTaskTypeName(type),
        _ => false,
    };


    /// <summary>The called method's name: <c>X(...)</c>, <c>this.X(...)</c>, <c>token.X(...)</c>.</summary>
    private static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}

/// <summary>(from, to) — two methods compared by symbol identity.</summary>
internal readonly struct MethodPair : System.IEquatable<MethodPair>
{
    public MethodPair(IMethodSymbol from, IMethodSymbol to)
    {
        From = from;
        To = to;
    }

    public IMethodSymbol From { get; }

    public IMethodSymbol To { get; }

    public bool Equals(MethodPair other)
        => SymbolEqualityComparer.Default.Equals(From, other.From) && SymbolEqualityComparer.Default.Equals(To, other.To);

    public override bool Equals(object? obj) => obj is MethodPair other && Equals(other);

    public override int GetHashCode()
        => unchecked((SymbolEqualityComparer.Default.GetHashCode(From) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(To));
}
