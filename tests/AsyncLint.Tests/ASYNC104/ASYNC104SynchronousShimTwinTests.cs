using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A twin declared in this project that only runs the synchronous method and hands back a completed task is no async
/// version: awaiting it blocks exactly as long. A twin whose body does asynchronous work is a real alternative.
/// </summary>
public sealed class ASYNC104SynchronousShimTwinTests
{
    private const string Reader = """

        abstract class ReaderBase : System.IO.Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get; set; }
            public override long Seek(long offset, System.IO.SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => 0;
        }
        """;

    [Fact]
    public Task Trap_twins_that_wrap_the_synchronous_call() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class RowSource : ReaderBase
        {
            private readonly List<string> columns = new();

            // The layout arrived with the result set: the "async" versions only wrap the synchronous ones.
            public IReadOnlyList<string> GetLayout() => columns;

            public Task<IReadOnlyList<string>> GetLayoutAsync(CancellationToken token = default)
            {
                token.ThrowIfCancellationRequested();
                return Task.FromResult(GetLayout());
            }

            public int Count() => columns.Count;

            public ValueTask<int> CountAsync() => new ValueTask<int>(Count());

            public void Reset() => columns.Clear();

            public Task ResetAsync()
            {
                Reset();
                return Task.CompletedTask;
            }
        }

        class Consumer
        {
            async Task<int> UseAsync(RowSource source)
            {
                await Task.Yield();
                var layout = source.GetLayout();
                source.Reset();
                return layout.Count + source.Count();
            }
        }
        """ + Reader);

    [Fact]
    public Task A_twin_that_does_asynchronous_work_is_still_offered() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class RowSource : ReaderBase
        {
            private readonly List<string> columns = new();
            private readonly byte[] header = new byte[4];

            // Both read the header from the stream first.
            public IReadOnlyList<string> GetLayout()
            {
                Read(header, 0, header.Length);
                return columns;
            }

            public async Task<IReadOnlyList<string>> GetLayoutAsync(CancellationToken token = default)
            {
                await ReadAsync(header, 0, header.Length, token);
                return columns;
            }

            public int Count() => Read(header, 0, header.Length) + columns.Count;

            // Wraps a different call than the one it is the twin of.
            public ValueTask<int> CountAsync() => new ValueTask<int>(CountOnServer());

            private int CountOnServer() => columns.Count;
        }

        class Consumer
        {
            async Task<int> UseAsync(RowSource source)
            {
                await Task.Yield();
                var layout = {|ASYNC104:source.GetLayout()|};
                return layout.Count + {|ASYNC104:source.Count()|};
            }
        }
        """ + Reader);

    [Fact]
    public Task A_stub_pair_in_a_sample_still_stands_for_a_real_api() => AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>.AnalyzerAsync("""
        using System.Threading.Tasks;

        class User { }

        class UserStore
        {
            public User Load(int id) => new User();
            public Task<User> LoadAsync(int id) => Task.FromResult(Load(id));

            public void Save(User user) { }
            public Task SaveAsync(User user)
            {
                Save(user);
                return Task.CompletedTask;
            }
        }

        class Handler
        {
            async Task HandleAsync(UserStore store)
            {
                await Task.Yield();
                var user = {|ASYNC105:store.Load(1)|};
                {|ASYNC105:store.Save(user)|};
            }
        }
        """);
}
