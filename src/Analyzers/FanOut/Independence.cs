using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>
/// One awaited operation that could be started early: an invocation returning a Task or ValueTask whose receiver
/// and arguments are side-effect-free reads (locals, parameters, constants, field/property reads of them).
/// </summary>
internal sealed class FanOutCandidate
{
    public FanOutCandidate(IAwaitOperation await, IInvocationOperation invocation)
    {
        Await = await;
        Invocation = invocation;
    }

    public IAwaitOperation Await { get; }

    /// <summary>The call that starts the operation (inside any <c>ConfigureAwait</c>).</summary>
    public IInvocationOperation Invocation { get; }

    /// <summary>The objects the call touches: its receiver (and every prefix of the receiver's access path) and its arguments.</summary>
    public List<Touch> Touches { get; } = new();

    /// <summary>Every local, parameter, field and property the receiver and arguments read.</summary>
    public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>An instance method of the containing type called on <c>this</c>/<c>base</c>: it may read and write any of its state.</summary>
    public bool CallsThis { get; set; }

    /// <summary>The receiver's access path ("this" for calls on this), null for static methods.</summary>
    public string? ReceiverKey { get; set; }

    /// <summary>A text that is equal for two calls on the same receiver with the same arguments (the method aside).</summary>
    public string ArgumentsKey { get; set; } = "";

    private string? methodDisplay;

    /// <summary>
    /// The same method (compared by its display string, as before) on the same receiver with the same arguments.
    /// The display string is built only when the receivers and arguments already match, and not at all for the very
    /// same method symbol: most pairs never pay for <c>ToDisplayString</c>.
    /// </summary>
    public bool IsSameCall(FanOutCandidate other)
    {
        if (ArgumentsKey != other.ArgumentsKey)
        {
            return false;
        }

        var method = Invocation.TargetMethod;
        var otherMethod = other.Invocation.TargetMethod;
        return ReferenceEquals(method, otherMethod) || MethodDisplay() == other.MethodDisplay();
    }

    private string MethodDisplay() => methodDisplay ??= Invocation.TargetMethod.ToDisplayString();
}

/// <summary>An object an operation touches, named by its access path (<c>L:db@12.Users</c>).</summary>
internal readonly struct Touch
{
    public Touch(string key, ITypeSymbol type, bool isReceiver)
    {
        Key = key;
        Type = type;
        IsReceiver = isReceiver;
    }

    public string Key { get; }

    public ITypeSymbol Type { get; }

    public bool IsReceiver { get; }
}

/// <summary>What statements write: locals, parameters and members assigned, and objects handed to calls (which may mutate them).</summary>
internal sealed class WriteSet
{
    public HashSet<ISymbol> Symbols { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<string> MutatedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Types whose own state (<c>this</c> members, static members) was written.</summary>
    public HashSet<ITypeSymbol> StateOfTypes { get; } = new(SymbolEqualityComparer.Default);
}

/// <summary>
/// The independence analysis of the fan-out family. Two awaited operations may overlap only when:
/// 1. neither reads a value the other's await produced (data flow over locals, parameters and members);
/// 2. nothing between them writes something the later one reads;
/// 3. they share no receiver that is unsafe for concurrent use (the non-concurrent list, a concrete stateful
///    class, <c>this</c>), no buffer or mutable collection, and no file path;
/// 4. none is a throttling or ordering step (Task.Delay, Task.Yield, a wait or lock);
/// and neither is an order-keeping kind of call (events, delegates, logging, writes and other side effects by name).
/// </summary>
internal static class Independence
{
    /// <summary>
    /// Words that say a call changes something or is a step whose order is the contract: writes, sends, lifecycle steps,
    /// transactions, locks, event raising. A name with one of them as a whole word anywhere (<c>SaveChangesAsync</c>,
    /// <c>KeyDeleteAsync</c>, <c>GetOrCreateAsync</c>, <c>SortedSetAddAsync</c>) keeps its place.
    /// </summary>
    private static readonly ImmutableHashSet<string> OrderedWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Abort", "Ack", "Acquire", "Activate", "Add", "Append", "Approve", "Archive", "Assign", "Attach", "Broadcast",
        "Cancel", "Charge", "Clear", "Close", "Commit", "Connect", "Copy", "Create", "Deactivate", "Decrement", "Delete",
        "Deliver", "Dequeue", "Detach", "Disable", "Disconnect", "Dispatch", "Dispose", "Drop", "Edit", "Enable", "Enqueue",
        "Eval", "Evaluate", "Evict", "Execute", "Expire", "Export", "Flush", "Forward", "Grant", "Import", "Increment",
        "Insert", "Invalidate", "Invoke", "Kill", "Link", "Lock", "Login", "Logout", "Merge", "Migrate", "Modify", "Move",
        "Nack", "Next", "Notify", "Open", "Patch", "Pay", "Persist", "Pop", "Post", "Publish", "Purge", "Push", "Put",
        "Raise", "Receive", "Refund", "Register", "Reject", "Release", "Remove", "Rename", "Replace", "Reply", "Reset",
        "Respond", "Restart", "Restore", "Revoke", "Rewind", "Rollback", "Save", "Schedule", "Seed", "Seek", "Send", "Set",
        "Sign", "Signal", "Start", "Stop", "Store", "Submit", "Subscribe", "Sync", "Transfer", "Truncate", "Unlink", "Unlock",
        "Unregister", "Unschedule", "Unsubscribe", "Update", "Upload", "Upsert", "Write",

        // Messaging topology: a declare creates what the next step uses (AMQP's QueueDeclare, then Bind, then Consume).
        "Bind", "Consume", "Declare", "Unbind",

        // Presence notifications: UserConnectedAsync updates what the next read of who is online sees.
        "Connected", "Disconnected",

        // Connection lifecycle again: shards and sessions reconnect and authenticate one at a time (gateway rate limits).
        "Authenticate", "Handshake", "Reauthenticate", "Reconnect", "Resubscribe",

        // User-interface steps: what the user sees happens in this order.
        "Alert", "Animate", "Beep", "Click", "Dismiss", "Display", "Focus", "Goto", "Hide", "Navigate", "Play", "Present",
        "Press", "Prompt", "Scroll", "Show", "Speak", "Tap", "Toast", "Vibrate",

        // Browser and input automation: a page navigates, then is read; a gesture is its events in order.
        "Hover", "Drag", "Fill", "Unpause",

        // Pipeline stages: completing (sealing) a stage lets it drain; the stage it feeds may be sealed only after that.
        "Complete", "Drain", "Seal");

    /// <summary>
    /// Verbs that make a step only as the first word (<c>OnConnectedAsync</c>, <c>RunAsync</c>, <c>LogAsync</c>,
    /// <c>EndScopeAsync</c>), and the hooks of a pipeline (<c>BeforeRequestAsync</c>, <c>AfterSaveAsync</c>): each hook may
    /// change what the next one sees.
    /// </summary>
    private static readonly ImmutableHashSet<string> OrderedLeadingWords = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Accept", "After", "Apply", "Before", "Begin", "Change", "Complete", "Delay", "DynamicInvoke", "Emit", "End", "Ensure", "Enter", "Exit",

        // Closing a lifecycle as the first word, like End and Complete: FinalizeTrackingAsync emits what it collected, in turn.
        "Finalize", "Finish",

        // Registered configuration hooks and seeders change the one object each is handed (Configure(options), Populate(store)).
        "Configure", "Populate",

        // A test's assertion helpers read what the steps before them did.
        "Assert", "Expect", "Verify",

        // Navigation and input events as the first word: GoToAsync, GoBackAsync; Mouse.DownAsync/UpAsync, Keyboard.TypeAsync.
        "Go", "Down", "Up", "Type", "Wheel",
        "Fire", "Handle", "Heartbeat", "Init", "Initialize", "Listen", "Log", "Mark", "On", "Ping", "Poll", "Print",
        "Process", "Record", "Retry", "Run", "Sleep", "Touch", "Track", "Trigger", "Wait", "Yield",

        // Domain commands whose word is also a noun elsewhere (PlaceOrderAsync, but GetPlaceAsync; BookRoomAsync, but GetBookAsync).
        "Authorize", "Ban", "Block", "Book", "Buy", "Capture", "Checkout", "Claim", "Cleanup", "Confirm", "Credit", "Debit",
        "Decline", "Deploy", "Deposit", "Enroll", "Follow", "Fulfill", "Install", "Invite", "Join", "Leave", "Like", "Mute",
        "Pause", "Place", "Provision", "Prune", "Purchase", "Rebuild", "Redeem", "Reindex", "Reload", "Renew", "Reopen",
        "Reserve", "Resume", "Reverse", "Sell", "Settle", "Ship", "Shutdown", "Suspend", "Toggle", "Unblock", "Unfollow",
        "Uninstall", "Unmute", "Vote", "Withdraw",

        // Rebuilding derived state as the first word: IndexTriggersAsync deletes and re-inserts; RefreshAsync reloads and replaces.
        "Index", "Refresh");

    /// <summary>Names of lock-like and throttling steps: an await of one of these in a group means order and pacing are intended.</summary>
    private static readonly ImmutableArray<string> ThrottleNames = ImmutableArray.Create(
        "Delay", "Yield", "WaitAsync", "LockAsync", "AcquireAsync", "EnterAsync", "WaitOneAsync", "WaitForAsync",
        "AcquireLockAsync", "TakeLockAsync", "ReaderLockAsync", "WriterLockAsync", "WaitToReadAsync", "WaitToWriteAsync");

    /// <summary>The candidate behind <c>await X(...)</c> or <c>await X(...).ConfigureAwait(...)</c>, or null.</summary>
    public static FanOutCandidate? TryGetCandidate(IAwaitOperation await, FanOutSymbols symbols)
    {
        var invocation = StartedInvocation(await, symbols.Symbols);
        if (invocation is null)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        if (method is null
            || method.MethodKind is MethodKind.DelegateInvoke
            || !symbols.Symbols.IsTaskOrValueTask(method.ReturnType)
            || method.ContainingType is null
            || method.ContainingType.Is(symbols.Symbols.Task)
            || method.ContainingType.TypeKind == TypeKind.Delegate
            || symbols.IsOrderedName(method.Name)
            || IsCalledThroughAVerb(invocation.Instance)
            || IsChangeTrackerEntry(ReceiverType(invocation))
            || IsLogger(method.ContainingType, symbols)
            || IsMessageDispatcher(ReceiverType(invocation))
            || IsInMemoryMapping(method, invocation)
            || IsSettingsRead(method, invocation)
            || HasRefArgument(invocation)
            || OnRunningTask(invocation, symbols.Symbols)
            || IsValidationGate(method)
            || (method.IsAsync && (symbols.AwaitsOnlyHeldTasks(method) || symbols.AsksThePerson(method) || symbols.NeverAwaits(method))))
        {
            return null;
        }

        if (method.MethodKind == MethodKind.LocalFunction && !method.IsStatic && symbols.CapturesState(method, invocation.SemanticModel))
        {
            // A capturing local function reads and writes the enclosing method's locals (or this) behind our back.
            return null;
        }

        var candidate = new FanOutCandidate(await, invocation);
        var callKey = new System.Text.StringBuilder();
        if (invocation.Instance is { } instance)
        {
            if (instance is IInstanceReferenceOperation)
            {
                candidate.CallsThis = true;
                candidate.ReceiverKey = "this";
                candidate.Touches.Add(new Touch("this", instance.Type!, isReceiver: true));
            }
            else
            {
                var key = CollectValue(instance, candidate, isReceiver: true);
                if (key is null)
                {
                    return null;
                }

                candidate.ReceiverKey = key;
            }

            callKey.Append('|').Append(candidate.ReceiverKey);
        }

        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            var argument = invocation.Arguments[i];
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            // An extension method's 'this' argument is its receiver.
            var isReceiver = i == 0 && method.IsExtensionMethod;
            var key = CollectValue(argument.Value, candidate, isReceiver);
            if (key is null && !IsPure(argument.Value))
            {
                return null;
            }

            if (isReceiver)
            {
                candidate.ReceiverKey = key;
            }

            callKey.Append('|').Append(key ?? argument.Value.Syntax.ToString());
        }

        candidate.ArgumentsKey = callKey.ToString();
        return candidate;
    }

    /// <summary>
    /// <c>await MapperFactory.MapAsync(settings, model.Settings)</c>, <c>await mapper.MapAsync(entity, model)</c>: a mapper copies
    /// properties from one object into another in memory. There is no latency to overlap, and the call writes its
    /// destination, which the next mapping often shares (two settings objects copied into one model, one after the other
    /// on purpose). A <c>Map…</c> call on a type named <c>…Mapper</c> or <c>…MapperFactory</c> (its receiver, or the
    /// static class or extension class that declares it) is such a copy, not an operation of a group.
    /// </summary>
    private static bool IsInMemoryMapping(IMethodSymbol method, IInvocationOperation invocation)
        => method.Name.StartsWith("Map", StringComparison.Ordinal)
           && (method.Name.Length == 3 || !char.IsLower(method.Name[3]))
           && (IsNamedAsMapper(method.ContainingType) || IsNamedAsMapper(ReceiverType(invocation)));

    /// <summary>
    /// <c>await settingFactory.LoadSettingsAsync&lt;CatalogSettings&gt;(storeId)</c>, <c>await _plexSettings.GetSettingsAsync()</c>:
    /// an application's settings are cached in memory for the process; a miss reads them once through the request's one
    /// DbContext. Like a <c>…Provider</c>'s getters, such a read hands out what is held: there is no latency worth
    /// overlapping, and two misses at once would share that context. A <c>LoadSetting…</c>/<c>GetSetting…</c> call on a
    /// receiver whose type name contains <c>Setting</c> is such a read, not an operation of a group. A configuration
    /// client's remote read (<c>GetConfigurationSettingAsync</c> on a <c>ConfigurationClient</c>) is not.
    /// </summary>
    private static bool IsSettingsRead(IMethodSymbol method, IInvocationOperation invocation)
        => (method.Name.StartsWith("GetSetting", StringComparison.Ordinal) || method.Name.StartsWith("LoadSetting", StringComparison.Ordinal))
           && ReceiverType(invocation) is { } receiver
           && IsNamedForSettings(receiver);

    /// <summary>A settings factory or service (<c>ISettingFactory</c>, <c>ISettingsService&lt;T&gt;</c>): hands out cached settings.</summary>
    public static bool IsNamedForSettings(ITypeSymbol type) => type.Name.IndexOf("Setting", StringComparison.Ordinal) >= 0;

    private static bool IsNamedAsMapper(ITypeSymbol? type)
        => type is not null
           && (type.Name.EndsWith("Mapper", StringComparison.Ordinal) || type.Name.EndsWith("MapperFactory", StringComparison.Ordinal));

    /// <summary>
    /// <c>await feed.ValidateFeedForClient(source)</c>, <c>await validator.ThrowIfNotValidAsync(dto, request)</c>,
    /// <c>await AssertExistsAsync(id)</c>: a check that returns nothing but throws on a bad input gates the steps after it,
    /// and the first failure is the one reported. One that returns its verdict (<c>Task&lt;bool&gt; ValidateAsync(discount)</c>)
    /// is a read like any other.
    /// </summary>
    private static bool IsValidationGate(IMethodSymbol method)
        => (StartsWithWord(method.Name, "Validate") || StartsWithWord(method.Name, "ThrowIf") || StartsWithWord(method.Name, "Assert"))
           && method.ReturnType is INamedTypeSymbol { IsGenericType: false };

    private static bool StartsWithWord(string name, string word)
        => name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || !char.IsLower(name[word.Length]));

    /// <summary>
    /// <c>await frameTask.WithTimeout()</c>: a helper on a task that is already running (a local, parameter or field
    /// holding it) starts nothing; overlapping it with other awaits would not start that task any sooner.
    /// </summary>
    private static bool OnRunningTask(IInvocationOperation invocation, AsyncSymbols symbols)
    {
        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        return receiver is not null
               && Unwrap(receiver) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
               && symbols.IsTaskOrValueTask(Unwrap(receiver).Type);
    }

    /// <summary>The invocation an await starts, looking through <c>ConfigureAwait</c>.</summary>
    public static IInvocationOperation? StartedInvocation(IAwaitOperation await, AsyncSymbols symbols)
    {
        var operand = Unwrap(await.Operation);
        if (operand is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured }
            && symbols.IsTaskOrValueTask(configured.Type))
        {
            operand = Unwrap(configured);
        }

        return operand as IInvocationOperation;
    }

    /// <summary>Task.Delay, Task.Yield, SemaphoreSlim.WaitAsync and lock-like steps: throttling and ordering are intended.</summary>
    public static bool IsThrottleStep(IAwaitOperation await, AsyncSymbols symbols)
    {
        var operand = Unwrap(await.Operation);
        if (operand is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            operand = Unwrap(configured);
        }

        if (operand is not IInvocationOperation invocation)
        {
            return false;
        }

        var name = invocation.TargetMethod.Name;
        foreach (var throttle in ThrottleNames)
        {
            if (name == throttle)
            {
                return true;
            }
        }

        // A project's own pacing helper (ThrottleAsync, WaitForRateLimitAsync, RespectRateLimitAsync, LongTestDelay).
        return name.IndexOf("Throttle", StringComparison.Ordinal) >= 0 || name.IndexOf("RateLimit", StringComparison.Ordinal) >= 0
               || name.EndsWith("Delay", StringComparison.Ordinal) || name.EndsWith("DelayAsync", StringComparison.Ordinal);
    }

    /// <summary>
    /// A Blazor component (<c>Microsoft.AspNetCore.Components.IComponent</c>): its methods change its state and re-render on
    /// the renderer's one synchronization context, so there is no I/O of its own to overlap, and running two at once only
    /// interleaves their state changes and callbacks.
    /// </summary>
    public static bool IsUiComponent(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface } named)
        {
            return false;
        }

        if (IsComponentInterface(named))
        {
            return true;
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (IsComponentInterface(implemented))
            {
                return true;
            }
        }

        return false;

        static bool IsComponentInterface(INamedTypeSymbol type)
            => type.Name == "IComponent" && type.ContainingNamespace.IsNamespace("Microsoft.AspNetCore.Components");
    }

    /// <summary>True when two operations may not overlap: they share a receiver unsafe for concurrent use, a buffer, or a file path, or are the same call twice (a retry or poll).</summary>
    public static bool Conflict(FanOutCandidate first, FanOutCandidate second, FanOutSymbols symbols, ImmutableArray<string> configured, bool dataScope)
    {
        if (first.IsSameCall(second))
        {
            return true;
        }

        if (first.CallsThis && second.CallsThis)
        {
            return true;
        }

        // await reader.GetBalanceAsync(a); await reader.GetCodeAsync(a); — reads whose values are thrown away are made for what
        // they do to the receiver (warm it, record a witness, touch a cache), in the order written.
        if (first.ReceiverKey is { } receiver && receiver == second.ReceiverKey && DiscardsItsValue(first) && DiscardsItsValue(second))
        {
            return true;
        }

        // await reader.ReadPropertyNameAsync(); await reader.ReadValueAsync(); — one cursor, read where the last read stopped.
        if (AdvanceOneCursor(first, second) || AdvanceOneCursor(second, first))
        {
            return true;
        }

        // await header.CollapseAsync(); await body.ExpandAsync(); — UI components, both on the renderer's one dispatcher.
        if (IsUiComponent(first.Invocation.Instance?.Type) && IsUiComponent(second.Invocation.Instance?.Type))
        {
            return true;
        }

        // await Standby(); await _thread.Halt(); — a method of this class may change the objects its fields hold.
        if ((first.CallsThis && OnMemberOfThis(second, symbols)) || (second.CallsThis && OnMemberOfThis(first, symbols)))
        {
            return true;
        }

        // var ctx = await GetContextAsync(); await CheckWebAsync(ctx); await this.CheckFolderAsync(); — the object keeps a
        // context of that type, and its own method works on it.
        if (HandsAContextItKeeps(second, TypeOfThisCalled(first), symbols) || HandsAContextItKeeps(first, TypeOfThisCalled(second), symbols))
        {
            return true;
        }

        if (SharesStaticState(first.Invocation.TargetMethod, second.Invocation.TargetMethod, symbols)
            || (ReceivesOnUnitOfWork(first) && ReceivesOnUnitOfWork(second))
            || (dataScope && ReceivesInDataScope(first, symbols) && ReceivesInDataScope(second, symbols))
            || HoldSameState(first, second, symbols))
        {
            return true;
        }

        foreach (var a in first.Touches)
        {
            foreach (var b in second.Touches)
            {
                if (a.Key != b.Key)
                {
                    // GetFieldsAsync(request.Connection, …) beside GetPrimaryAsync(request): one is handed the connection,
                    // the other the object it is read from.
                    if ((IsReadFrom(a.Key, b.Key) && UnsafeShared(a.Type, a.IsReceiver, symbols, configured, dataScope))
                        || (IsReadFrom(b.Key, a.Key) && UnsafeShared(b.Type, b.IsReceiver, symbols, configured, dataScope)))
                    {
                        return true;
                    }

                    continue;
                }

                if (UnsafeShared(a.Type, a.IsReceiver || b.IsReceiver, symbols, configured, dataScope))
                {
                    return true;
                }

                // await recipe.BuildAsync(builder); await builder.BuildWorkflowAsync(); — a command handed the object fills it,
                // and the next call reads what it filled.
                if (!a.IsReceiver && b.IsReceiver && IsEffectOnly(first))
                {
                    return true;
                }
            }
        }

        if (first.ReceiverKey is not null && first.ReceiverKey == second.ReceiverKey
            && (IsCommand(first, symbols) || IsCommand(second, symbols)
                || (IsPartGetter(first, symbols) && IsPartGetter(second, symbols) && !IsNamedAsService(ReceiverType(first.Invocation)))
                || AreEntityAccessors(first, second)))
        {
            return true;
        }

        return SameFile(first.Invocation, second.Invocation);
    }

    /// <summary><c>await recipe.BuildAsync(builder);</c>: a plain task, or a value the statement drops; the call is made for its effect.</summary>
    private static bool IsEffectOnly(FanOutCandidate candidate)
        => candidate.Await.Type is null or { SpecialType: SpecialType.System_Void } || DiscardsItsValue(candidate);

    /// <summary><c>await reader.GetBalanceAsync(a);</c> as a statement: the operation produces a value and the statement drops it.</summary>
    private static bool DiscardsItsValue(FanOutCandidate candidate)
        => candidate.Await.Parent is IExpressionStatementOperation && candidate.Await.Type is { SpecialType: not SpecialType.System_Void };

    /// <summary><paramref name="member"/> is a member read from <paramref name="owner"/>'s object: <c>request.Connection</c> from <c>request</c>.</summary>
    private static bool IsReadFrom(string member, string owner)
        => member.Length > owner.Length + 1 && member[owner.Length] == '.' && member.StartsWith(owner, StringComparison.Ordinal);

    /// <summary>
    /// The call's receiver is a field or property of <c>this</c> (<c>_thread.Halt()</c>), or reached through one, also as an
    /// extension's <c>this</c> argument (<c>_db.Members.GetAgeLimit(id)</c>), and its type is not on the thread-safe list.
    /// </summary>
    private static bool OnMemberOfThis(FanOutCandidate candidate, FanOutSymbols symbols)
        => (candidate.ReceiverKey is { } key && key.StartsWith("this.", StringComparison.Ordinal) || IsOnPrimaryConstructorParameter(candidate.Invocation))
           && ReceiverType(candidate.Invocation) is { } type
           && !symbols.IsThreadSafe(type)
           && !symbols.IsImmutableValue(type);

    /// <summary>
    /// Both calls work on one reader or writer, of any type named so (<c>IJsonReader</c>, <c>IODataWriter</c>), as receiver or
    /// as an extension's <c>this</c>: a writer's output is in the order written, and reads that name nothing but the reader
    /// (<c>ReadNameAsync()</c>, then <c>ReadValueAsync()</c>) each start where the last stopped. A reader asked for different
    /// things (<c>ReadAsync(url)</c>) is left to the other checks.
    /// </summary>
    private static bool AdvanceOneCursor(FanOutCandidate first, FanOutCandidate second)
    {
        foreach (var touch in first.Touches)
        {
            if (touch.Type is not INamedTypeSymbol { Name: var name } || !(name.EndsWith("Reader", StringComparison.Ordinal) || name.EndsWith("Writer", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var other in second.Touches)
            {
                if (other.Key == touch.Key
                    && (name.EndsWith("Writer", StringComparison.Ordinal) || (ReadsOnlyTheCursor(first.Invocation) && ReadsOnlyTheCursor(second.Invocation))))
                {
                    return true;
                }
            }
        }

        return false;

        // ReadNameAsync(), ReadAsync(ct), reader.ReadValueAsync() as an extension: a read told nothing but where to stop waiting.
        static bool ReadsOnlyTheCursor(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Read", StringComparison.Ordinal))
            {
                return false;
            }

            var parameters = method.IsExtensionMethod ? method.Parameters.Skip(1) : method.Parameters;
            return parameters.All(static p => p.Type.Name == "CancellationToken");
        }
    }

    /// <summary>
    /// <c>class Consolidator(IFeatureService service)</c>: a primary-constructor parameter (the type declaration declares the
    /// constructor) is state the object keeps, a field of <c>this</c> in all but name; an ordinary constructor's parameters
    /// are not seen outside its own body, where nothing is awaited.
    /// </summary>
    private static bool IsOnPrimaryConstructorParameter(IInvocationOperation invocation)
        => invocation.Instance is { } instance
           && Unwrap(instance) is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor, DeclaringSyntaxReferences: { Length: 1 } declarations } }
           && declarations[0].GetSyntax() is TypeDeclarationSyntax;

    /// <summary>The type of <c>this</c> when the call is made on it, also as an extension's <c>this</c> argument (<c>this.TestBackendAsync()</c>).</summary>
    private static ITypeSymbol? TypeOfThisCalled(FanOutCandidate candidate)
    {
        var invocation = candidate.Invocation;
        var receiver = invocation.Instance
                       ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? Unwrap(invocation.Arguments[0].Value) : null);
        return receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self ? self.Type : null;
    }

    /// <summary>The candidate is handed a context object (<c>…Context</c>) of a type that <paramref name="owner"/> keeps in a field.</summary>
    private static bool HandsAContextItKeeps(FanOutCandidate candidate, ITypeSymbol? owner, FanOutSymbols symbols)
    {
        if (owner is null)
        {
            return false;
        }

        ImmutableArray<ITypeSymbol>? kept = null;
        foreach (var touch in candidate.Touches)
        {
            if (!IsContextObject(touch.Type))
            {
                continue;
            }

            kept ??= symbols.HeldStateTypes(owner);
            foreach (var held in kept.Value)
            {
                if (touch.Type.InheritsFromOrEquals(held) || held.InheritsFromOrEquals(touch.Type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ITypeSymbol? ReceiverType(IInvocationOperation invocation)
        => invocation.Instance is { } instance ? instance.Type
            : invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? Unwrap(invocation.Arguments[0].Value).Type
            : null;

    /// <summary>
    /// <c>Store.GetClientIdAsync(application, ct)</c>, then <c>Store.GetDisplayNameAsync(application, ct)</c>: accessors of
    /// one entity through its store or manager (OpenIddict's stores, Identity's <c>UserManager</c>). They read the entity's
    /// own properties, from memory or by lazy loads through the store's one context: steps on one object, not requests
    /// worth overlapping. The same entity object (not an id or a string) comes first in both calls, on one receiver named
    /// as a store or manager; a client's two requests about one object (<c>GetBranchesAsync(repo)</c>) stay reported.
    /// </summary>
    private static bool AreEntityAccessors(FanOutCandidate first, FanOutCandidate second)
        => IsStoreOrManager(ReceiverType(first.Invocation))
           && EntityArgumentKey(first.Invocation) is { } entity
           && entity == EntityArgumentKey(second.Invocation);

    private static bool IsStoreOrManager(ITypeSymbol? type)
        => type is not null && (type.Name.EndsWith("Store", StringComparison.Ordinal) || type.Name.EndsWith("Manager", StringComparison.Ordinal));

    /// <summary>The access path of a <c>Get…</c> accessor's first argument when it is an object (no string, delegate or value); else null.</summary>
    private static string? EntityArgumentKey(IInvocationOperation accessor)
    {
        if (!accessor.TargetMethod.Name.StartsWith("Get", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var argument in accessor.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || ReferenceEquals(argument.Value, accessor.Instance))
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            return value.Type is { TypeKind: TypeKind.TypeParameter }
                   or { IsReferenceType: true, SpecialType: SpecialType.None, TypeKind: not TypeKind.Delegate and not TypeKind.Array }
                ? PathKey(value)
                : null;
        }

        return null;
    }

    /// <summary>
    /// <c>req.GetMessageAsync()</c>, <c>req.GetUserAsync(ct)</c>: a getter that takes nothing (a token aside) reads a part of
    /// its receiver. Two of them on one object that is not a service (<see cref="IsNamedAsService"/>) are that object's
    /// state, usually answered from memory (a request's message and user), not two independent operations worth
    /// overlapping. On a service (<c>catalog.GetBrandsAsync()</c>, <c>catalog.GetTypesAsync()</c>) they are two requests.
    /// </summary>
    private static bool IsPartGetter(FanOutCandidate candidate, FanOutSymbols symbols)
    {
        var invocation = candidate.Invocation;
        if (!invocation.TargetMethod.Name.StartsWith("Get", StringComparison.Ordinal) || invocation.TargetMethod.IsExtensionMethod)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && !symbols.Symbols.IsCancellationToken(argument.Value.Type))
            {
                return false;
            }
        }

        return true;
    }

    // Not "Provider": a provider (of data, options, tokens, a runner's local data) hands out what it loaded or holds;
    // two of its getters read its state.
    private static readonly ImmutableArray<string> ServiceSuffixes = ImmutableArray.Create(
        "Service", "Client", "Api", "Repository", "Store", "Gateway", "Proxy", "Manager", "Facade", "Endpoint");

    /// <summary><c>ICatalogService</c>, <c>GitHubClient</c>, <c>IOrdersApi</c>: a type named as a boundary that answers requests.</summary>
    private static bool IsNamedAsService(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var suffix in ServiceSuffixes)
        {
            if (type.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two static methods of one type that keeps a connection, stream or other non-concurrent object in a static member.</summary>
    public static bool SharesStaticState(IMethodSymbol first, IMethodSymbol second, FanOutSymbols symbols)
        => first.IsStatic && second.IsStatic && !first.IsExtensionMethod && !second.IsExtensionMethod
           && first.ContainingType is { } type && type.OriginalDefinition.Is(second.ContainingType?.OriginalDefinition)
           && symbols.HoldsNonConcurrentStaticState(type);

    /// <summary>
    /// A command: an operation that returns a plain Task or ValueTask, done only for its effect. Two steps on one
    /// object where one is a command (<c>await page.GotoAsync(url); await page.ClickAsync("#ok");</c>) are a sequence,
    /// unless the object is on the thread-safe list.
    /// </summary>
    public static bool IsCommand(FanOutCandidate candidate, FanOutSymbols symbols)
    {
        var returnType = candidate.Invocation.TargetMethod.ReturnType;
        if (returnType is INamedTypeSymbol { IsGenericType: true })
        {
            return false;
        }

        var receiver = candidate.Invocation.Instance?.Type;
        return receiver is null || !symbols.IsThreadSafe(receiver);
    }

    /// <summary>
    /// True when one object, touched by operations that overlap, is not safe to share: a type on the non-concurrent list
    /// or the configured one, a buffer or mutable collection, or — as a receiver — a concrete stateful class.
    /// Interfaces and abstract types (service boundaries) and the thread-safe list (HttpClient, concurrent collections) are.
    /// </summary>
    public static bool UnsafeShared(ITypeSymbol type, bool asReceiver, FanOutSymbols symbols, ImmutableArray<string> configured, bool dataScope)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return true;
        }

        if (symbols.IsNonConcurrent(type) || (!configured.IsEmpty && symbols.IsConfiguredNonConcurrent(type, configured)))
        {
            return true;
        }

        if (symbols.IsBufferLike(type) || IsContextObject(type) || IsLockLike(type))
        {
            return true;
        }

        if (symbols.IsImmutableValue(type) || symbols.IsThreadSafe(type))
        {
            return false;
        }

        // A class declared here that keeps a connection, a stream or a context (Quartz's ConnectionAndTransactionHolder):
        // passed to every operation, it is that one object, under a name the list does not know.
        if (type.TypeKind == TypeKind.Class && !symbols.HeldStateTypes(type).IsEmpty)
        {
            return true;
        }

        // In a data scope, a query handed to every operation (IQueryable<Episode> from one repository) runs on the
        // context that built it: each operation enumerates it through that one DbContext.
        if (dataScope && type.IsOrImplements(symbols.Queryable))
        {
            return true;
        }

        if (!asReceiver)
        {
            return false;
        }

        if ((dataScope && IsOutOfSightService(type, symbols)) || symbols.IsServiceFacade(type))
        {
            return true;
        }

        // An interface whose implementations found here keep a DbContext or a repository (IAttributeMaterializer,
        // IRequestEngine): one scoped context behind a name no convention knows.
        if (symbols.KeepsDataStateBehind(type))
        {
            return true;
        }

        return !(type.TypeKind == TypeKind.Interface || type.IsAbstract);
    }

    /// <summary>
    /// A mutual-exclusion object handed to every operation (<c>Mutex</c>, <c>AsyncLock</c>, <c>ReaderWriterLockSlim</c>, a
    /// project's own <c>AwaitableMutex</c>): the operations take turns on it by design, and started together they would
    /// contend for it in an order the loop no longer decides. Named so by convention, as class, struct or interface.
    /// </summary>
    private static bool IsLockLike(ITypeSymbol type)
        => type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface
           && (type.Name.EndsWith("Mutex", StringComparison.Ordinal)
               || type.Name.EndsWith("Lock", StringComparison.Ordinal)
               || type.Name.EndsWith("LockSlim", StringComparison.Ordinal));

    /// <summary>
    /// A context object, by the naming convention of the frameworks that hand them out: a DbContext (also behind an
    /// <c>IAppDbContext</c> interface), an HttpContext, a pipeline's or a test's context. It carries the mutable state of
    /// one unit of work, EF Core and ASP.NET Core document theirs as unsafe for concurrent use, and operations handed the
    /// same one (as receiver or argument) are steps on that state, whether it is a class or an interface.
    /// </summary>
    private static bool IsContextObject(ITypeSymbol type)
        => type.TypeKind is TypeKind.Class or TypeKind.Interface
           && (type.Name.EndsWith("Context", StringComparison.Ordinal) || IsUnitOfWorkParticipant(type));

    /// <summary>
    /// A repository or unit of work (<c>IUserRepository</c>, <c>OrderRepository</c>, <c>IUnitOfWork</c>): by the pattern's
    /// convention they sit on one scoped DbContext or connection, so two of them, even two different ones, are steps on
    /// one object that does not allow a second operation while the first is running.
    /// </summary>
    public static bool IsUnitOfWorkParticipant(ITypeSymbol type)
        => type.TypeKind is TypeKind.Class or TypeKind.Interface
           && (type.Name.EndsWith("Repository", StringComparison.Ordinal) || type.Name.EndsWith("UnitOfWork", StringComparison.Ordinal));

    public static readonly Func<ITypeSymbol, bool> IsContextObjectPredicate = IsContextObject;

    /// <summary>
    /// A data context: a repository or unit of work, or a type named <c>…DbContext</c>/<c>…DataContext</c> (also behind an
    /// interface) or derived from one. An execution, HTTP or pipeline context is a context object but not a data one.
    /// </summary>
    public static bool IsDataContext(ITypeSymbol type)
    {
        if (IsUnitOfWorkParticipant(type))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name.EndsWith("DbContext", StringComparison.Ordinal) || current.Name.EndsWith("DataContext", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two receivers of classes declared here that each keep a field of the same unsafe type (a DbContext, a
    /// connection): services built by dependency injection in one scope share that one instance.
    /// </summary>
    private static bool HoldSameState(FanOutCandidate first, FanOutCandidate second, FanOutSymbols symbols)
    {
        if (first.Invocation.Instance?.Type is not { } a || second.Invocation.Instance?.Type is not { } b)
        {
            return false;
        }

        var heldByFirst = symbols.HeldStateTypes(a);
        if (heldByFirst.IsEmpty)
        {
            return false;
        }

        foreach (var held in symbols.HeldStateTypes(b))
        {
            foreach (var other in heldByFirst)
            {
                if (held.Is(other))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ReceivesOnUnitOfWork(FanOutCandidate candidate)
    {
        foreach (var touch in candidate.Touches)
        {
            if (touch.IsReceiver && IsUnitOfWorkParticipant(touch.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The receiver is an application service whose implementation is out of sight (<c>ICheckoutService</c>, <c>_api.Posts</c>
    /// of type <c>IPostService</c>, a service class from another assembly) or a context object (<c>IWorkContext</c>, a
    /// repository). In a data scope (<see cref="FanOutSymbols.InDataScope"/>), services resolved in one request scope
    /// usually share its one DbContext, which throws on a second operation started while the first runs, so two of them
    /// keep their order there, as repositories do everywhere.
    /// </summary>
    private static bool ReceivesInDataScope(FanOutCandidate candidate, FanOutSymbols symbols)
    {
        foreach (var touch in candidate.Touches)
        {
            if (touch.IsReceiver && (IsOutOfSightService(touch.Type, symbols) || IsContextObject(touch.Type) || symbols.KeepsDataStateBehind(touch.Type)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A type named <c>…Service</c>, <c>…Manager</c> or <c>…Store</c> whose implementation is out of sight: an interface, or
    /// a class from a referenced assembly (ASP.NET Core Identity's <c>UserManager</c> and <c>SignInManager</c> sit on one
    /// user store over the request's <c>DbContext</c>). A class declared here shows what it holds (<see cref="HoldSameState"/>
    /// decides for it).
    /// </summary>
    private static bool IsOutOfSightService(ITypeSymbol type, FanOutSymbols symbols)
        => (type.TypeKind == TypeKind.Interface
            || (type.TypeKind == TypeKind.Class && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, symbols.Symbols.Compilation.Assembly)))
           && (type.Name.EndsWith("Service", StringComparison.Ordinal)
               || type.Name.EndsWith("Manager", StringComparison.Ordinal)
               || type.Name.EndsWith("Store", StringComparison.Ordinal));

    /// <summary>Does <paramref name="later"/> read something <paramref name="writes"/> says was written before it?</summary>
    public static bool ReadsWritten(FanOutCandidate later, WriteSet writes)
    {
        foreach (var read in later.Reads)
        {
            if (writes.Symbols.Contains(read))
            {
                return true;
            }
        }

        foreach (var touch in later.Touches)
        {
            if (writes.MutatedKeys.Contains(touch.Key))
            {
                return true;
            }
        }

        if (writes.StateOfTypes.Count > 0)
        {
            var method = later.Invocation.TargetMethod;
            if (later.CallsThis || method.IsStatic)
            {
                foreach (var type in writes.StateOfTypes)
                {
                    if (method.ContainingType.InheritsFromOrEquals(type) || type.InheritsFromOrEquals(method.ContainingType))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Collects what <paramref name="operation"/> writes: locals, parameters and members it assigns (or passes by ref),
    /// and every object handed to a call (receiver or argument) other than <paramref name="except"/>, which may mutate it.
    /// </summary>
    public static void CollectWrites(IOperation operation, IOperation? except, WriteSet into)
    {
        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (ReferenceEquals(current, except))
            {
                continue;
            }

            switch (current)
            {
                case IVariableDeclaratorOperation declarator:
                    into.Symbols.Add(declarator.Symbol);
                    break;
                case IAssignmentOperation assignment:
                    AddWritten(assignment.Target, into);
                    break;
                case IIncrementOrDecrementOperation increment:
                    AddWritten(increment.Target, into);
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } byRef:
                    AddWritten(byRef.Value, into);
                    break;
                case IInvocationOperation invocation:
                    if (invocation.Instance is { } instance)
                    {
                        AddMutated(instance, into);
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        AddMutated(argument.Value, into);
                    }

                    break;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>
    /// True for a value with no side effects: constants, locals, parameters, field and property reads of them,
    /// and operators, conversions and interpolations over such values. No calls, no object creation, no awaits.
    /// </summary>
    public static bool IsPure(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return true;
            case ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or INameOfOperation or ISizeOfOperation
                or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation:
                return true;
            case IConversionOperation conversion:
                return conversion.OperatorMethod is null && IsPure(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return IsPure(parenthesized.Operand);
            case IFieldReferenceOperation field:
                return IsPure(field.Instance);
            case IPropertyReferenceOperation property:
                if (!IsPure(property.Instance))
                {
                    return false;
                }

                foreach (var argument in property.Arguments)
                {
                    if (!IsPure(argument.Value))
                    {
                        return false;
                    }
                }

                return true;
            case IArrayElementReferenceOperation element:
                if (!IsPure(element.ArrayReference))
                {
                    return false;
                }

                foreach (var index in element.Indices)
                {
                    if (!IsPure(index))
                    {
                        return false;
                    }
                }

                return true;
            case IBinaryOperation binary:
                return binary.OperatorMethod is null && IsPure(binary.LeftOperand) && IsPure(binary.RightOperand);
            case IUnaryOperation unary:
                return unary.OperatorMethod is null && IsPure(unary.Operand);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation
                        && (!IsPure(interpolation.Expression) || !IsPure(interpolation.Alignment) || !IsPure(interpolation.FormatString)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return operation.ConstantValue.HasValue;
        }
    }

    /// <summary>The access-path key of a local (<c>L:name@position</c>).</summary>
    public static string LocalKey(ILocalSymbol local)
        => "L:" + local.Name + "@" + (local.Locations.Length > 0 ? local.Locations[0].SourceSpan.Start : 0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The access-path key of a value (a local, parameter, member chain), or null.</summary>
    public static string? PathKey(IOperation operation)
        => PathOf(operation, new HashSet<ISymbol>(SymbolEqualityComparer.Default), null);

    /// <summary>Conversions the compiler inserted and parentheses say nothing about the value.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion:
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

    /// <summary>
    /// An EF Core change-tracker entry (<c>entry.GetDatabaseValuesAsync()</c>, <c>entry.ReloadAsync()</c>,
    /// <c>entry.Collection(…).LoadAsync()</c>): every entry runs on its one <c>DbContext</c>, which allows one operation at a time.
    /// </summary>
    private static bool IsChangeTrackerEntry(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "EntityEntry" or "PropertyEntry" or "MemberEntry" or "NavigationEntry" or "CollectionEntry" or "ReferenceEntry" }
           && type.ContainingNamespace.IsNamespace("Microsoft.EntityFrameworkCore.ChangeTracking");

    /// <summary>
    /// <c>await Send.OkAsync(ct)</c>, <c>await Publish.EventAsync(e)</c>: the verb is the receiver's name (FastEndpoints'
    /// response sender) and the method names only what is sent. Writing the response must follow the work it reports.
    /// Only verbs that are not also nouns of a service (<c>Store</c>, <c>Post</c>, <c>Lock</c> name things).
    /// </summary>
    private static bool IsCalledThroughAVerb(IOperation? receiver)
        => (receiver is null ? null : Unwrap(receiver)) switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: false } property => IsVerbReceiverName(property.Property.Name),
            IFieldReferenceOperation field => IsVerbReceiverName(field.Field.Name),
            ILocalReferenceOperation local => IsVerbReceiverName(local.Local.Name),
            IParameterReferenceOperation parameter => IsVerbReceiverName(parameter.Parameter.Name),
            _ => false,
        };

    private static bool IsVerbReceiverName(string name) => VerbReceiverNames.Contains(name.TrimStart('_'));

    private static readonly ImmutableHashSet<string> VerbReceiverNames
        = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "Send", "Publish", "Notify", "Respond", "Reply");

    /// <summary>True for a name whose words say its order matters (<c>SaveChangesAsync</c>, <c>KeyDeleteAsync</c>, <c>TryAddAsync</c>).</summary>
    public static bool IsOrderedName(string name)
    {
        var end = name.EndsWith("Async", StringComparison.Ordinal) ? name.Length - 5 : name.Length;
        var first = true;
        var start = 0;
        while (start < end)
        {
            var stop = start + 1;
            while (stop < end && !char.IsUpper(name[stop]))
            {
                stop++;
            }

            var word = name.Substring(start, stop - start);
            if (OrderedWords.Contains(word) || (first && OrderedLeadingWords.Contains(word)))
            {
                return true;
            }

            // "TryAdd", "TryGet": the verb after Try is the leading one.
            first = first && word == "Try";
            start = stop;
        }

        return false;
    }

    /// <summary><c>System.IO.File</c>, compared by name parts (no display string: this is asked for every pair of awaits).</summary>
    private static bool IsSystemIoFile(INamedTypeSymbol? type)
        => type is { Name: "File", ContainingType: null } && type.ContainingNamespace.IsNamespace("System.IO");

    /// <summary>Do the two calls name the same file (same path value) through System.IO.File or a stream/writer created on it?</summary>
    private static bool SameFile(IInvocationOperation first, IInvocationOperation second)
    {
        if (!IsSystemIoFile(first.TargetMethod.ContainingType)
            || !IsSystemIoFile(second.TargetMethod.ContainingType)
            || first.Arguments.Length == 0 || second.Arguments.Length == 0)
        {
            return false;
        }

        var a = Unwrap(first.Arguments[0].Value);
        var b = Unwrap(second.Arguments[0].Value);
        if (a.ConstantValue.HasValue || b.ConstantValue.HasValue)
        {
            return Equals(a.ConstantValue.Value, b.ConstantValue.Value) || !(a.ConstantValue.HasValue && b.ConstantValue.HasValue);
        }

        return a.Syntax.ToString() == b.Syntax.ToString();
    }

    /// <summary>
    /// Does a local function read or write a local, parameter or <c>this</c> of the code around it? Read from its
    /// operations, which the analysis driver has already built for the enclosing body (a data-flow analysis of the body
    /// would bind it again for every call).
    /// </summary>
    public static bool CapturesState(IMethodSymbol localFunction, SemanticModel? model)
    {
        if (model is null || localFunction.DeclaringSyntaxReferences.Length != 1)
        {
            return true;
        }

        var declaration = localFunction.DeclaringSyntaxReferences[0].GetSyntax();
        if (declaration.SyntaxTree != model.SyntaxTree || model.GetOperation(declaration) is not ILocalFunctionOperation operation)
        {
            return true;
        }

        foreach (var descendant in operation.Descendants())
        {
            switch (descendant)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    // this, base, or an instance member through the implicit this.
                    return true;
                case ILocalReferenceOperation local when !DeclaredWithin(local.Local, localFunction):
                    return true;
                case IParameterReferenceOperation parameter when !DeclaredWithin(parameter.Parameter, localFunction):
                    return true;
            }
        }

        return false;
    }

    private static bool DeclaredWithin(ISymbol symbol, IMethodSymbol function)
    {
        for (var current = symbol.ContainingSymbol; current is not null; current = current.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(current, function))
            {
                return true;
            }

            if (current is INamedTypeSymbol)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A mediator, publisher or bus (<c>IMediator</c>, <c>IPublisher</c>, <c>IEventBus</c>, <c>IBus</c>, an event aggregator):
    /// what goes through it runs handlers with side effects the next step is ordered after (<c>await
    /// mediator.EntityDeleted(bid)</c>, a project extension that publishes), whatever the call is named.
    /// </summary>
    private static bool IsMessageDispatcher(ITypeSymbol? type)
        => type is not null
           && (type.Name.EndsWith("Mediator", StringComparison.Ordinal)
               || type.Name.EndsWith("Publisher", StringComparison.Ordinal)
               || type.Name.EndsWith("Bus", StringComparison.Ordinal)
               || type.Name.EndsWith("EventAggregator", StringComparison.Ordinal));

    private static bool IsLogger(INamedTypeSymbol type, FanOutSymbols symbols)
        => type.IsOrImplements(symbols.Logger) || type.Name.IndexOf("Logger", StringComparison.Ordinal) >= 0;

    private static bool HasRefArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: not RefKind.None and not RefKind.In })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records the reads of a receiver or argument and the objects it touches. Returns its access path key, or null
    /// when it has none (a constant or computed value: then it must be pure, checked by the caller).
    /// </summary>
    private static string? CollectValue(IOperation value, FanOutCandidate candidate, bool isReceiver)
    {
        var prefixes = isReceiver ? new List<Touch>() : null;
        var key = PathOf(value, candidate.Reads, prefixes);
        if (key is null)
        {
            if (IsPure(value))
            {
                CollectReads(value, candidate.Reads);
            }

            return null;
        }

        if (prefixes is not null)
        {
            foreach (var prefix in prefixes)
            {
                candidate.Touches.Add(new Touch(prefix.Key, prefix.Type, isReceiver: true));
            }
        }
        else if (Unwrap(value) is { Type: { } type } argument)
        {
            // 'this' handed to every operation is the caller's own state: the callee may call back into it, as a
            // receiver would be called (a channel recovering through its connection's registry).
            candidate.Touches.Add(new Touch(key, type, isReceiver: argument is IInstanceReferenceOperation));
        }

        return key;
    }

    /// <summary>
    /// The access path of a local, parameter, <c>this</c> or a chain of field/property/element reads on one (null otherwise),
    /// recording every symbol read and, when <paramref name="prefixes"/> is given, each prefix with its type.
    /// </summary>
    private static string? PathOf(IOperation operation, HashSet<ISymbol> reads, List<Touch>? prefixes)
    {
        operation = Unwrap(operation);
        string? key;
        switch (operation)
        {
            case ILocalReferenceOperation local:
                reads.Add(local.Local);
                key = LocalKey(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                reads.Add(parameter.Parameter);
                key = "P:" + parameter.Parameter.Name + "@" + parameter.Parameter.Ordinal;
                break;
            case IInstanceReferenceOperation:
                // 'this' as a prefix is not itself shared: its members are, one by one.
                return "this";
            case IFieldReferenceOperation field:
                reads.Add(field.Field);
                key = MemberPath(field.Instance, field.Field, reads, prefixes);
                break;
            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                reads.Add(property.Property);
                key = MemberPath(property.Instance, property.Property, reads, prefixes);
                break;
            case IPropertyReferenceOperation indexer:
                foreach (var argument in indexer.Arguments)
                {
                    if (!IsPure(argument.Value))
                    {
                        return null;
                    }

                    CollectReads(argument.Value, reads);
                }

                // Reading an element does not share the collection itself: only the element is touched.
                key = indexer.Instance is null ? null : PathOf(indexer.Instance, reads, null);
                key = key is null ? null : key + "[" + IndexText(indexer.Arguments, reads) + "]";
                break;
            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    if (!IsPure(index))
                    {
                        return null;
                    }

                    CollectReads(index, reads);
                }

                key = PathOf(element.ArrayReference, reads, null);
                key = key is null ? null : key + "[" + IndexText(element.Indices, reads) + "]";
                break;
            default:
                return null;
        }

        if (key is not null && prefixes is not null && operation.Type is { } type && key != "this")
        {
            prefixes.Add(new Touch(key, type, isReceiver: true));
        }

        return key;
    }

    private static string IndexText(ImmutableArray<IArgumentOperation> arguments, HashSet<ISymbol> reads)
    {
        var parts = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            parts[i] = PathOf(arguments[i].Value, reads, null) ?? arguments[i].Value.Syntax.ToString();
        }

        return string.Join(",", parts);
    }

    private static string IndexText(ImmutableArray<IOperation> indices, HashSet<ISymbol> reads)
    {
        var parts = new string[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            parts[i] = PathOf(indices[i], reads, null) ?? indices[i].Syntax.ToString();
        }

        return string.Join(",", parts);
    }

    private static string? MemberPath(IOperation? instance, ISymbol member, HashSet<ISymbol> reads, List<Touch>? prefixes)
    {
        if (instance is null || member.IsStatic)
        {
            // A key, never shown: the type's name and symbol hash (no display string on this path). Two types that share
            // both would only make two statements look dependent, never independent.
            var type = member.ContainingType;
            return type is null
                ? "S:" + member.Name
                : "S:" + type.MetadataName + "#" + SymbolEqualityComparer.Default.GetHashCode(type).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + member.Name;
        }

        var instanceKey = PathOf(instance, reads, prefixes);
        return instanceKey is null ? null : instanceKey + "." + member.Name;
    }

    private static void CollectReads(IOperation operation, HashSet<ISymbol> reads)
    {
        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case ILocalReferenceOperation local:
                    reads.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter:
                    reads.Add(parameter.Parameter);
                    break;
                case IFieldReferenceOperation field:
                    reads.Add(field.Field);
                    break;
                case IPropertyReferenceOperation property:
                    reads.Add(property.Property);
                    break;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    private static void AddWritten(IOperation target, WriteSet into)
    {
        target = Unwrap(target);
        switch (target)
        {
            case ILocalReferenceOperation local:
                into.Symbols.Add(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                into.Symbols.Add(parameter.Parameter);
                break;
            case IMemberReferenceOperation member:
                into.Symbols.Add(member.Member);
                if (member.Instance is null || member.Member.IsStatic || member.Instance is IInstanceReferenceOperation)
                {
                    into.StateOfTypes.Add(member.Member.ContainingType);
                }
                else
                {
                    AddMutated(member.Instance, into);
                }

                break;
            case IArrayElementReferenceOperation element:
                AddMutated(element.ArrayReference, into);
                break;
            case ITupleOperation tuple:
                foreach (var part in tuple.Elements)
                {
                    AddWritten(part, into);
                }

                break;
            case IDeclarationExpressionOperation declaration:
                AddWritten(declaration.Expression, into);
                break;
        }
    }

    private static void AddMutated(IOperation value, WriteSet into)
    {
        if (Unwrap(value).Type is { } valueType && (valueType.IsValueType || valueType.SpecialType == SpecialType.System_String))
        {
            // Passed by value or immutable: the callee cannot change what the caller holds.
            return;
        }

        var prefixes = new List<Touch>();
        var key = PathOf(value, new HashSet<ISymbol>(SymbolEqualityComparer.Default), prefixes);
        if (key == "this")
        {
            if (value.Type is { } type)
            {
                into.StateOfTypes.Add(type);
            }

            return;
        }

        foreach (var prefix in prefixes)
        {
            into.MutatedKeys.Add(prefix.Key);
        }
    }
}
