using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// Entry/exit tracing around a forwarding method: a finally that only writes a trace line, and catches that only report
/// what they caught and rethrow. Nothing is released early and no exception is lost.
/// </summary>
public sealed class ASYNC205TraceOnlyTests
{
    private const string Tracing = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        static class Logging
        {
            public static bool IsEnabled;
            public static void Enter(object source, string message, string member) { }
            public static void Exit(object source, string message, string member) { }
            public static void Error(object source, string message, string member) { }
        }

        """;

    [Fact]
    public Task Finally_and_catch_that_only_trace() => VerifyAnalyzer.AnalyzerAsync(Tracing + """
        public class RegistryClient
        {
            private readonly HttpClient http = new HttpClient();

            public virtual Task<string> GetDeviceAsync(string id, CancellationToken ct)
            {
                if (Logging.IsEnabled)
                    Logging.Enter(this, id, nameof(GetDeviceAsync));
                try
                {
                    if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("empty", nameof(id));
                    return http.GetStringAsync("devices/" + id, ct);
                }
                catch (Exception ex)
                {
                    if (Logging.IsEnabled)
                        Logging.Error(this, $"{nameof(GetDeviceAsync)} threw: {ex}", nameof(GetDeviceAsync));
                    throw;
                }
                finally
                {
                    if (Logging.IsEnabled)
                        Logging.Exit(this, id, nameof(GetDeviceAsync));
                }
            }

            public Task OpenAsync()
            {
                Logging.Enter(this, "open", nameof(OpenAsync));
                try
                {
                    return http.GetAsync("open");
                }
                finally
                {
                    Logging.Exit(this, "open", nameof(OpenAsync));
                }
            }
        }
        """);

    [Fact]
    public Task Finally_that_also_releases_or_a_catch_that_recovers_is_reported() => VerifyAnalyzer.AnalyzerAsync(Tracing + """
        public class RegistryClient
        {
            private readonly HttpClient http = new HttpClient();
            private readonly SemaphoreSlim gate = new SemaphoreSlim(1);

            public Task<string> GetGuardedAsync(string id)
            {
                gate.Wait();
                try
                {
                    {|ASYNC205:return http.GetStringAsync("devices/" + id);|}
                }
                finally
                {
                    Logging.Exit(this, id, nameof(GetGuardedAsync));
                    gate.Release();
                }
            }

            public Task<string> GetOrEmptyAsync(string id)
            {
                try
                {
                    {|ASYNC205:return http.GetStringAsync("devices/" + id);|}
                }
                catch (HttpRequestException ex)
                {
                    Logging.Error(this, ex.Message, nameof(GetOrEmptyAsync));
                    return Task.FromResult(string.Empty);
                }
                finally
                {
                    Logging.Exit(this, id, nameof(GetOrEmptyAsync));
                }
            }

            public Task<string> GetCheckedAsync(string id)
            {
                try
                {
                    {|ASYNC205:return http.GetStringAsync("devices/" + id);|}
                }
                finally
                {
                    if (http.Timeout > TimeSpan.Zero)
                        Logging.Exit(this, id, nameof(GetCheckedAsync));
                }
            }
        }
        """);
    [Fact]
    public Task A_finally_that_writes_an_EventSource_event_is_a_trace() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Diagnostics.Tracing;
        using System.Threading.Tasks;

        [EventSource(Name = "Contoso-Client")]
        sealed class ClientEventSource : EventSource
        {
            public static readonly ClientEventSource Log = new ClientEventSource();
            public void CloseStart(string id) => WriteEvent(1, id);
            public void CloseStop(string id) => WriteEvent(2, id);
        }

        sealed class Registry { public void Forget(string id) { } }

        public class Client
        {
            private readonly string id = "c1";
            private readonly Registry registry = new Registry();

            protected virtual Task OnCloseAsync() => Task.Delay(1);

            public Task CloseAsync()
            {
                ClientEventSource.Log.CloseStart(id);
                try
                {
                    return OnCloseAsync();
                }
                finally
                {
                    ClientEventSource.Log.CloseStop(id);
                }
            }

            // A finally that does work runs before the close ends: still reported.
            public Task CloseAndForgetAsync()
            {
                try
                {
                    {|ASYNC205:return OnCloseAsync();|}
                }
                finally
                {
                    registry.Forget(id);
                }
            }
        }
        """);
}
