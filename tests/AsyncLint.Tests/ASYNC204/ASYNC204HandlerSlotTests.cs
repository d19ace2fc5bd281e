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
}
