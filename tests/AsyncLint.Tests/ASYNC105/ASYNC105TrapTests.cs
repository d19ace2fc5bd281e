using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>Names that look like twins and are not (matching precision), shipped false twins and the options.</summary>
public sealed class ASYNC105TrapTests
{
    [Fact]
    public Task Call_that_asks_for_fire_and_forget_does_not_wait() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum SendFlags { None = 0, HighPriority = 1, FireAndForget = 2 }

        interface IKeyStore
        {
            bool Remove(string key, SendFlags flags = SendFlags.None);
            Task<bool> RemoveAsync(string key, SendFlags flags = SendFlags.None);
            void Put(string key, string value, TimeSpan? expiry = null, SendFlags flags = SendFlags.None);
            Task PutAsync(string key, string value, TimeSpan? expiry = null, SendFlags flags = SendFlags.None);
        }

        class C
        {
            async Task ResetAsync(IKeyStore store, string key)
            {
                store.Remove(key, SendFlags.FireAndForget);
                store.Put(key, "seed", flags: SendFlags.FireAndForget | SendFlags.HighPriority);
                await store.PutAsync(key + ":done", "1");
            }
        }
        """);

    [Fact]
    public Task FluentValidation_Validate_runs_the_same_synchronous_rules() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using FluentValidation;

        namespace FluentValidation
        {
            public class ValidationResult { public bool IsValid { get; set; } = true; }

            public interface IValidator<T>
            {
                ValidationResult Validate(T instance);
                Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default);
            }

            public abstract class AbstractValidator<T> : IValidator<T>
            {
                public ValidationResult Validate(T instance) => new();
                public Task<ValidationResult> ValidateAsync(T instance, CancellationToken cancellation = default) => Task.FromResult(Validate(instance));
            }
        }

        public record Order(string Recipient);
        public sealed class OrderValidator : AbstractValidator<Order> { }
        public interface IOrders { Task<Guid> CreateAsync(Order order, CancellationToken token); }

        public sealed class OrdersEndpoint(IValidator<Order> validator, OrderValidator concrete, IOrders orders)
        {
            public async Task<object> PostAsync(Order order, CancellationToken token)
            {
                if (!validator.Validate(order).IsValid || !concrete.Validate(order).IsValid)
                {
                    return "bad request";
                }

                return await orders.CreateAsync(order, token);
            }
        }
        """);

    [Fact]
    public Task Library_document_saved_into_a_fresh_memory_stream() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        public class PdfDoc
        {
            public void Save(Stream stream) => stream.WriteByte(1);
            public Task SaveAsync(Stream stream) => stream.WriteAsync(new byte[] { 1 }, 0, 1);
            public void Save(string path) => File.WriteAllBytes(path, new byte[] { 1 });
            public Task SaveAsync(string path) => File.WriteAllBytesAsync(path, new byte[] { 1 });
        }

        public class Exporter
        {
            public async Task<MemoryStream> ExportAsync(PdfDoc doc, Func<Task> before)
            {
                await before();
                MemoryStream output = new();
                doc.Save(output);
                return output;
            }

            public async Task ToFileAsync(PdfDoc doc, string path, Func<Task> before)
            {
                await before();
                using var file = File.Create(path);
                {|ASYNC105:doc.Save(file)|};
                {|ASYNC105:doc.Save(path)|};
            }
        }
        """);

    [Fact]
    public Task Parameterless_method_does_not_match_a_twin_with_a_required_parameter() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Cache
        {
            public int Get() => 0;
            public Task<int> GetAsync(int id) => Task.FromResult(id);
            public void Put(int id) { }
            public Task PutAsync(string id) => Task.CompletedTask;
            public void Drop(int id) { }
            public Task DropAsync(int id, bool force) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Cache cache)
            {
                await Task.Yield();
                var n = cache.Get();
                cache.Put(1);
                cache.Drop(1);
            }
        }
        """);

    [Fact]
    public Task Twin_must_return_an_awaitable_of_the_same_result() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Client
        {
            public void Start() { }
            public void StartAsync() { }
            public int Count() => 0;
            public Task<string> CountAsync() => Task.FromResult("");
        }

        class C
        {
            async Task RunAsync(Client client)
            {
                await Task.Yield();
                client.Start();
                var n = client.Count();
            }
        }
        """);

    [Fact]
    public Task Static_and_instance_do_not_pair_and_ref_kinds_must_agree() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Parser
        {
            public static int Parse(string s) => 0;
            public Task<int> ParseAsync(string s) => Task.FromResult(0);
            public bool TryRead(ref int position) => true;
            public Task<bool> TryReadAsync(int position) => Task.FromResult(true);
        }

        class C
        {
            async Task RunAsync(Parser parser)
            {
                await Task.Yield();
                var n = Parser.Parse("1");
                var p = 0;
                parser.TryRead(ref p);
            }
        }
        """);

    [Fact]
    public Task Hook_pair_calls_both_halves_with_the_same_arguments() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class CommandInfo { }

        interface IModuleBase
        {
            Task BeforeExecuteAsync(CommandInfo command);
            void BeforeExecute(CommandInfo command);
            Task AfterExecuteAsync(CommandInfo command);
            void AfterExecute(CommandInfo command);
        }

        class Runner
        {
            async Task ExecuteAsync(IModuleBase instance, CommandInfo cmd)
            {
                try
                {
                    await instance.BeforeExecuteAsync(cmd).ConfigureAwait(false);
                    instance.BeforeExecute(cmd);
                }
                finally
                {
                    await instance.AfterExecuteAsync(cmd).ConfigureAwait(false);
                    instance.AfterExecute(cmd);
                }
            }
        }
        """);

    [Fact]
    public Task Branches_each_declaring_their_own_argument_run_both_halves() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        interface IStore
        {
            void SaveToFile(string path);
            Task SaveToFileAsync(string path);
        }

        class StoreChecks
        {
            // One branch per API member, chosen by name: each branch declares its own 'path', so the two calls share no symbol.
            async Task CheckAsync(IStore store, string member)
            {
                if (member == nameof(IStore.SaveToFile))
                {
                    var path = Path.GetTempFileName();
                    store.SaveToFile(path);
                    File.Delete(path);
                }
                else if (member == nameof(IStore.SaveToFileAsync))
                {
                    var path = Path.GetTempFileName();
                    await store.SaveToFileAsync(path);
                    File.Delete(path);
                }
            }

            // Each half of the API on its own twin of the data: 'key' for the synchronous call, 'keyAsync' for the twin.
            async Task CheckBothHalvesAsync(IStore store)
            {
                var key = "expiration";
                var keyAsync = key + "Async";
                store.SaveToFile(key);
                await store.SaveToFileAsync(keyAsync);
            }

            // Guilty look-alikes: a differently named local is other data, and a branch with no awaited twin beside it is
            // just the path taken.
            async Task SaveBothAsync(IStore store, bool fast)
            {
                var draft = Path.GetTempFileName();
                {|ASYNC105:store.SaveToFile(draft)|};
                var final = Path.GetTempFileName();
                await store.SaveToFileAsync(final);
                if (fast)
                {
                    var path = Path.GetTempFileName();
                    {|ASYNC105:store.SaveToFile(path)|};
                }
            }
        }
        """);

    [Fact]
    public Task Implicit_calls_of_a_collection_initializer() => VerifyCS.AnalyzerAsync("""
        using System.Collections;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Batch : IEnumerable<int>
        {
            public void Add(int item) { }
            public Task AddAsync(int item) => Task.CompletedTask;
            public IEnumerator<int> GetEnumerator() => new List<int>().GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        class C
        {
            async Task<Batch> RunAsync()
            {
                await Task.Yield();
                return new Batch { 1, 2, 3 };
            }
        }
        """);

    [Fact]
    public Task Inaccessible_twin_is_no_advice() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Service
        {
            public int Compute() => 0;
            private Task<int> ComputeAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task RunAsync(Service service)
            {
                await Task.Yield();
                var n = service.Compute();
            }
        }
        """);

    [Fact]
    public Task Already_async_method_names_are_not_the_synchronous_half() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Service
        {
            public Task Run() => Task.CompletedTask;
            public Task RunAsync() => Task.CompletedTask;
        }

        class C
        {
            async Task GoAsync(Service service)
            {
                await service.Run();
                await service.RunAsync();
            }
        }
        """);

    [Fact]
    public Task Entity_Framework_Add_and_context_factory_are_false_twins() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class EntityEntry<T> { }

            public class DbSet<T>
            {
                public EntityEntry<T> Add(T entity) => new();
                public ValueTask<EntityEntry<T>> AddAsync(T entity, CancellationToken cancellationToken = default) => default;
            }

            public interface IDbContextFactory<TContext>
            {
                TContext CreateDbContext();
                Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default);
            }
        }

        namespace App
        {
            using Microsoft.EntityFrameworkCore;

            class Order { }
            class Shop { }

            class C
            {
                async Task RunAsync(DbSet<Order> orders, IDbContextFactory<Shop> factory)
                {
                    await Task.Yield();
                    orders.Add(new Order());
                    var shop = factory.CreateDbContext();
                }
            }
        }
        """);

    [Fact]
    public Task Moq_Raise_and_NUnit_Assert_That_are_false_twins() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace Moq
        {
            public class Mock<T>
            {
                public void Raise(Action<T> eventExpression, EventArgs args) { }
                public Task RaiseAsync(Action<T> eventExpression, EventArgs args) => Task.CompletedTask;
            }
        }

        namespace NUnit.Framework
        {
            public static class Assert
            {
                public static void That(bool condition) { }
                public static Task ThatAsync(bool condition) => Task.CompletedTask;
            }
        }

        namespace App
        {
            using Moq;
            using NUnit.Framework;

            interface IBus { event EventHandler Changed; }

            class Tests
            {
                async Task RunAsync(Mock<IBus> bus)
                {
                    await Task.Yield();
                    bus.Raise(b => b.Changed += null, EventArgs.Empty);
                    Assert.That(true);
                }
            }
        }
        """);

    [Fact]
    public Task A_script_engines_async_twins_only_wait_for_the_scripts_own_promises() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        namespace Jint
        {
            public class Engine
            {
                public Engine Execute(string code) { File.ReadAllText(code); return this; }
                public async Task<Engine> ExecuteAsync(string code) { await File.ReadAllTextAsync(code); return this; }
                public object Evaluate(string code) => File.ReadAllText(code);
                public async Task<object> EvaluateAsync(string code) => await File.ReadAllTextAsync(code);
            }
        }

        namespace Other
        {
            public class Engine
            {
                public object Evaluate(string code) => File.ReadAllText(code);
                public async Task<object> EvaluateAsync(string code) => await File.ReadAllTextAsync(code);
            }
        }

        namespace App
        {
            class Hooks
            {
                async Task<object> RunAsync(Jint.Engine engine, Other.Engine other, string script)
                {
                    await Task.Yield();
                    engine.Execute(script);
                    var jint = engine.Evaluate(script);
                    return jint ?? {|ASYNC105:other.Evaluate(script)|};
                }
            }
        }
        """);

    [Fact]
    public Task Console_prompts_wait_for_a_person_at_the_keyboard() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Spectre.Console
        {
            public interface IPrompt<T> { T Show(TextReader console); Task<T> ShowAsync(TextReader console, CancellationToken token); }

            public sealed class ConfirmationPrompt : IPrompt<bool>
            {
                public bool Show(TextReader console) => console.ReadLine() == "y";
                public async Task<bool> ShowAsync(TextReader console, CancellationToken token) { await Task.Delay(10, token); return Show(console); }
            }

            public static class AnsiConsole
            {
                public static T Prompt<T>(IPrompt<T> prompt) => prompt.Show(System.Console.In);
                public static Task<T> PromptAsync<T>(IPrompt<T> prompt, CancellationToken token = default) => prompt.ShowAsync(System.Console.In, token);
            }
        }

        namespace Other
        {
            public static class Dialog
            {
                public static bool Prompt(string question) => File.ReadAllText(question) == "y";
                public static async Task<bool> PromptAsync(string question) => await File.ReadAllTextAsync(question) == "y";
            }
        }

        namespace Updater
        {
            using Spectre.Console;

            class Runner
            {
                async Task<bool> UpdateAsync()
                {
                    await Task.Yield();
                    var confirmed = AnsiConsole.Prompt(new ConfirmationPrompt());
                    var again = new ConfirmationPrompt().Show(System.Console.In);
                    return confirmed && again && {|ASYNC105:Other.Dialog.Prompt("update?")|};
                }
            }
        }
        """);

    [Fact]
    public Task NuGet_package_readers_answer_async_members_synchronously() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace NuGet.Packaging
        {
            public abstract class PackageReaderBase
            {
                public virtual bool GetDevelopmentDependency() => false;
                public virtual Task<bool> GetDevelopmentDependencyAsync(CancellationToken ct) => Task.FromResult(GetDevelopmentDependency());
                public virtual string GetNuspec() => "";
                public virtual Task<string> GetNuspecAsync(CancellationToken ct) => Task.FromResult(GetNuspec());
            }

            public class PackageArchiveReader : PackageReaderBase
            {
                public override string GetNuspec() => "<package/>";
                public string ReadSignature() => "";
                public Task<string> ReadSignatureAsync(CancellationToken ct) => Task.FromResult("");
            }
        }

        namespace App
        {
            using NuGet.Packaging;

            class Analysis
            {
                async Task<bool> IsDevelopmentOnlyAsync(PackageArchiveReader reader, CancellationToken ct)
                {
                    await Task.Yield();
                    var nuspec = reader.GetNuspec();
                    var signature = {|ASYNC105:reader.ReadSignature()|};
                    return reader.GetDevelopmentDependency();
                }
            }
        }
        """);

    [Fact]
    public Task Configured_in_memory_type_is_silent()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace My
                {
                    public class Buffer
                    {
                        public int Read() => 0;
                        public Task<int> ReadAsync() => Task.FromResult(0);
                    }

                    public class SlicedBuffer : Buffer { }

                    class C
                    {
                        async Task RunAsync(Buffer buffer, SlicedBuffer sliced)
                        {
                            await Task.Yield();
                            var n = buffer.Read() + sliced.Read();
                        }
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasynclint.in_memory_types = My.Buffer\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Configured_in_memory_stream_silences_ASYNC104_too()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                namespace Buffers
                {
                    public abstract class SlabStream : Stream { }

                    class C
                    {
                        async Task RunAsync(SlabStream slab, Stream other, byte[] buffer)
                        {
                            await Task.Yield();
                            slab.Write(buffer, 0, buffer.Length);
                            {|ASYNC104:other.Write(buffer, 0, buffer.Length)|};
                        }
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasynclint.in_memory_types = Buffers.SlabStream\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Configured_false_twin_is_silent_and_others_still_report()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;

                namespace Gateway
                {
                    public class Channel { }

                    public class Cache
                    {
                        public Channel GetChannel(ulong id) => new();
                        public Task<Channel> GetChannelAsync(ulong id) => Task.FromResult(new Channel());
                        public Channel GetGuild(ulong id) => new();
                        public Task<Channel> GetGuildAsync(ulong id) => Task.FromResult(new Channel());
                    }

                    class C
                    {
                        async Task RunAsync(Cache cache)
                        {
                            await Task.Yield();
                            var channel = cache.GetChannel(1);
                            var guild = {|ASYNC105:cache.GetGuild(1)|};
                        }
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nasynclint.false_twins = Gateway.Cache.GetChannel, Other.Type.Method\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Half_typed_code_does_not_throw()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync(Missing missing, Stream stream)
                    {
                        var a = File.ReadAllText(;
                        var b = missing.Read();
                        var c = stream.Read(undefined, 0);
                        var d = File.ReadAllText(path: , 1);
                        var e = stream.;
                        Unknown.Read();
                        await
                    }

                    async Task Other() => File.
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task A_class_named_in_memory_does_not_block() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class Message { public int Id { get; set; } }

        public class InMemoryOutbox
        {
            private readonly Dictionary<int, Message> items = new();
            public void Add(Message message) => items[message.Id] = message;
            public Task AddAsync(Message message) { Add(message); return Task.CompletedTask; }
        }

        public sealed class RecordingOutbox : InMemoryOutbox { }

        public class SqlOutbox
        {
            public void Add(Message message) => System.IO.File.WriteAllText("outbox", message.Id.ToString());
            public Task AddAsync(Message message) => System.IO.File.WriteAllTextAsync("outbox", message.Id.ToString());
        }

        class Tests
        {
            async Task ClearsAsync(InMemoryOutbox outbox, RecordingOutbox recording, SqlOutbox sql, Message message)
            {
                outbox.Add(message);
                recording.Add(message);
                {|ASYNC105:sql.Add(message)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_logger_Log_beside_LogAsync_is_its_normal_path() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface ILogger
        {
            void Log(string message);
            Task LogAsync(string message);
        }

        public interface IAuditStore
        {
            void Log(string message);
            Task LogAsync(string message);
        }

        class AuditChecker
        {
            async Task<bool> CheckAsync(ILogger logger, IAuditStore store)
            {
                await Task.Yield();
                logger.Log("no audit data");
                {|ASYNC105:store.Log("no audit data")|};
                return false;
            }
        }
        """);

    [Fact]
    public Task Both_halves_of_an_extension_hook_on_a_scope_s_services() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public interface IScope : IDisposable { IServiceProvider ServiceProvider { get; } }
        public interface ISiteTask
        {
            string ExecuteTask(IServiceProvider provider, string site);
            Task<string> ExecuteTaskAsync(IServiceProvider provider, string site);
        }

        public abstract class HostedJob
        {
            public virtual string ExecuteJob(IServiceProvider provider) => "";
            public virtual Task<string> ExecuteJobAsync(IServiceProvider provider) => Task.FromResult("");

            async Task<string> RunAsync(IScope scope, object taskObject, string site)
            {
                var notes = "";
                notes += ExecuteJob(scope.ServiceProvider);
                notes += await ExecuteJobAsync(scope.ServiceProvider);

                var log = ((ISiteTask)taskObject).ExecuteTask(scope.ServiceProvider, site);
                log += await ((ISiteTask)taskObject).ExecuteTaskAsync(scope.ServiceProvider, site);
                return notes + log;
            }
        }
        """);

    [Fact]
    public Task One_half_of_a_hook_with_a_different_argument_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public interface IScope : IDisposable { IServiceProvider ServiceProvider { get; } }

        public abstract class HostedJob
        {
            public virtual string ExecuteJob(IServiceProvider provider) => "";
            public virtual Task<string> ExecuteJobAsync(IServiceProvider provider) => Task.FromResult("");

            async Task<string> RunAsync(IScope scope, IScope other)
            {
                var notes = {|ASYNC105:ExecuteJob(scope.ServiceProvider)|};
                notes += await ExecuteJobAsync(other.ServiceProvider);
                return notes;
            }
        }
        """);

    [Fact]
    public Task Parsing_or_serializing_content_already_in_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IDocument { string Title { get; } }

        public interface IHtmlParser
        {
            IDocument ParseDocument(string source);
            IDocument ParseDocument(Stream source);
            Task<IDocument> ParseDocumentAsync(string source, CancellationToken cancellation);
            Task<IDocument> ParseDocumentAsync(Stream source, CancellationToken cancellation);
        }

        public interface IJsonConverter
        {
            string Serialize(object value, object? options = null);
            Task<string> SerializeAsync(object value, object? options = null, CancellationToken cancellation = default);
        }

        class Indexer
        {
            async Task<string> ReadAsync(IHtmlParser parser, IJsonConverter json, Task<string> download, CancellationToken token)
            {
                var html = await download;
                var document = parser.ParseDocument(html);
                var again = parser.ParseDocument((string)(object)html);
                return json.Serialize(document) + again.Title;
            }
        }
        """);

    [Fact]
    public Task The_host_run_at_the_end_of_an_async_Main() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IHost
        {
            void Run();
            Task RunAsync();
            Task StartAsync();
        }

        static class Program
        {
            static async Task Main()
            {
                IHost app = Build();
                await app.StartAsync();
                app.Run();
            }

            static IHost Build() => null!;
        }
        """);

    private const string JsonLibrary = """

        namespace Json
        {
            using System.IO;
            using System.Threading.Tasks;

            public sealed class JsonTextReader
            {
                public JsonTextReader(TextReader reader) { }
            }

            public sealed class JArray
            {
                public static JArray Load(JsonTextReader reader) => new JArray();
                public static Task<JArray> LoadAsync(JsonTextReader reader) => Task.FromResult(new JArray());
            }

            public sealed class Client
            {
                public Client(TextWriter log) { }
                public int Send(string message) => 0;
                public Task<int> SendAsync(string message) => Task.FromResult(0);
            }
        }
        """;

    [Fact]
    public Task A_library_reader_over_a_string_reads_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Json;

        class Listing
        {
            async Task<JArray> ParseAsync(Stream output)
            {
                await Task.Yield();
                var text = "[]";
                return JArray.Load(new JsonTextReader(new StringReader(text)));
            }
        }
        """ + JsonLibrary);

    [Fact]
    public Task A_library_reader_over_a_file_or_a_client_with_a_memory_log_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Json;

        class Listing
        {
            async Task<int> RunAsync(string path)
            {
                await Task.Yield();
                var list = {|ASYNC105:JArray.Load(new JsonTextReader(File.OpenText(path)))|};
                return {|ASYNC105:new Client(new StringWriter()).Send("hi")|};
            }
        }
        """ + JsonLibrary);

    [Fact]
    public Task Formatter_results_and_OData_nested_readers_are_values_not_io() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        namespace Microsoft.AspNetCore.Mvc.Formatters
        {
            public class InputFormatterResult
            {
                public static InputFormatterResult Success(object model) { File.ReadAllText("x"); return new(); }
                public static Task<InputFormatterResult> SuccessAsync(object model) => Task.FromResult(Success(model));
                public static InputFormatterResult Failure() { File.ReadAllText("x"); return new(); }
                public static Task<InputFormatterResult> FailureAsync() => Task.FromResult(Failure());
            }
        }

        namespace Microsoft.OData
        {
            public abstract class ODataReader { }
            public abstract class ODataParameterReader
            {
                public abstract ODataReader CreateResourceReader();
                public abstract Task<ODataReader> CreateResourceReaderAsync();
                public abstract bool Read();
                public abstract Task<bool> ReadAsync();
            }
        }

        namespace App
        {
            using Microsoft.AspNetCore.Mvc.Formatters;
            using Microsoft.OData;

            class Formatter
            {
                async Task<InputFormatterResult> ReadAsync(ODataParameterReader parameters)
                {
                    await Task.Yield();
                    if ({|ASYNC105:parameters.Read()|})
                    {
                        var nested = parameters.CreateResourceReader();
                        return nested is null ? InputFormatterResult.Failure() : InputFormatterResult.Success(nested);
                    }

                    return InputFormatterResult.Failure();
                }
            }
        }
        """);
}
