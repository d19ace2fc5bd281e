using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// A settable callback named <c>…Handler</c> is an event in property form: the owner raises it, nothing awaits a handler.
/// Other void callbacks (a property named for what it runs, a local, a field named otherwise) stay reported.
/// </summary>
public sealed class ASYNC204HandlerSlotTests
{
    private const string Listener = """
        using System;
        using System.Threading.Tasks;

        public sealed class RequestContext { public Task RespondAsync(string text) => Task.CompletedTask; }

        public sealed class Listener
        {
            public Action<RequestContext>? RequestHandler { get; set; }
            public Action<string>? MessageHandler;
            public Action<RequestContext>? Work { get; set; }
            public Action? Handler { get; set; }
        }

        """;

    [Fact]
    public Task Async_lambda_assigned_to_a_handler_property_or_field_is_silent() => VerifyAnalyzer.AnalyzerAsync(Listener + """
        class Server
        {
            Listener Start()
            {
                var listener = new Listener
                {
                    RequestHandler = async context => await context.RespondAsync("hello"),
                };
                listener.MessageHandler = async text => await Task.Delay(text.Length);
                return listener;
            }
        }
        """);

    [Fact]
    public Task Other_void_callbacks_are_still_reported() => VerifyAnalyzer.AnalyzerAsync(Listener + """
        class Server
        {
            Action<RequestContext>? requestHandlerCopy;

            void Start(Listener listener)
            {
                listener.Work = {|ASYNC204:async context =>|} await context.RespondAsync("working");
                listener.Handler = {|ASYNC204:async () =>|} await Task.Delay(1);
                Action<RequestContext> requestHandler = {|ASYNC204:async context =>|} await context.RespondAsync("local");
                requestHandlerCopy = requestHandler;
            }
        }
        """);

    private const string Menus = """
        using System;
        using System.Threading.Tasks;

        public sealed class MenuItem
        {
            public string Label { get; set; } = "";
            public Action? Click { get; set; }
            public Action? OnClick { get; set; }
            public Action? Run { get; set; }
            public Action? Once { get; set; }
        }

        """;

    [Fact]
    public Task Async_lambda_assigned_to_a_callback_named_for_an_event_is_silent() => VerifyAnalyzer.AnalyzerAsync(Menus + """
        class Window
        {
            static Task ShowAsync(string text) => Task.Delay(text.Length);

            MenuItem[] Build() => new[]
            {
                new MenuItem { Label = "Full screen", Click = async () => await ShowAsync("full") },
                new MenuItem { Label = "About", OnClick = async () => await ShowAsync("about") },
            };
        }
        """);

    [Fact]
    public Task Async_lambda_assigned_to_a_callback_named_for_its_work_is_reported() => VerifyAnalyzer.AnalyzerAsync(Menus + """
        class Window
        {
            static Task ShowAsync(string text) => Task.Delay(text.Length);

            MenuItem[] Build() => new[]
            {
                new MenuItem { Label = "Run", Run = {|ASYNC204:async () =>|} await ShowAsync("run") },
                // "Once" is not "On" followed by an event's name.
                new MenuItem { Label = "Once", Once = {|ASYNC204:async () =>|} await ShowAsync("once") },
            };
        }
        """);

    /// <summary>Electron.NET's shape: a library's IPC and shortcut listeners, taken only as Actions, compiled apart.</summary>
    private static Microsoft.CodeAnalysis.MetadataReference DesktopLibrary() => AsyncLint.Tests.Verifiers.MetadataLibrary.Compile("Desktop.Runtime", """
        using System;
        using System.Collections.Generic;

        namespace Desktop.Runtime
        {
            public sealed class IpcMain
            {
                private readonly Dictionary<string, Action<object>> listeners = new();
                public void On(string channel, Action<object> listener) => listeners[channel] = listener;
                public void Send(string channel, object value) { }
            }

            public sealed class GlobalShortcut
            {
                public void Register(string accelerator, Action listener) { }
            }

            public static class Batches
            {
                public static void Run(IEnumerable<string> items, Action<string> each) { foreach (var item in items) each(item); }
            }
        }
        """);

    private static Task RunWithDesktopLibraryAsync(string source)
    {
        var test = new AsyncLint.Tests.Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer> { TestCode = source };
        test.TestState.AdditionalReferences.Add(DesktopLibrary());
        return test.RunAsync();
    }

    [Fact]
    public Task Async_listener_handed_to_a_library_subscription_method_is_silent() => RunWithDesktopLibraryAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Desktop.Runtime;

        class Controller
        {
            static Task<string> GetAppPathAsync() => Task.FromResult("/app");

            void Wire(IpcMain ipc, GlobalShortcut shortcuts)
            {
                ipc.On("app-info", async args =>
                {
                    var path = await GetAppPathAsync();
                    ipc.Send("got-app-path", path);
                });
                shortcuts.Register("CommandOrControl+K", async () => await GetAppPathAsync());
            }
        }
        """);

    [Fact]
    public Task The_projects_own_subscription_method_a_library_runner_or_a_token_registration_is_reported() => RunWithDesktopLibraryAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Desktop.Runtime;

        class Socket
        {
            public void On(string name, Action handler) { }
        }

        class Controller
        {
            static Task<string> GetAppPathAsync() => Task.FromResult("/app");

            void Wire(Socket socket, Func<Task> userHandler, CancellationToken started)
            {
                // The project owns On: it can take a Func<Task> and await the user's handler.
                socket.On("quit", {|ASYNC204:async () =>|} await userHandler());
                // Run calls the delegate now, once per item: the caller returns before the work is done.
                Batches.Run(new[] { "a" }, {|ASYNC204:async item =>|} await GetAppPathAsync());
                // The framework's one-shot registration, not a library's event.
                started.Register({|ASYNC204:async () =>|} await GetAppPathAsync());
            }
        }
        """);
}
