using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// An async implementation calling its own synchronous half on <c>this</c> is the twin being written; calling the same
/// method on another object runs that object's blocking half, and is reported.
/// </summary>
public sealed class ASYNC105OtherReceiverTwinTests
{
    [Fact]
    public Task The_twin_of_another_object_is_reported_its_own_is_not() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        public interface IDeserializer
        {
            T ToSingle<T>(TextReader reader);
            Task<T> ToSingleAsync<T>(TextReader reader);
        }

        public sealed class MultipleResultDeserializer : IDeserializer
        {
            private readonly IDeserializer inner;
            public MultipleResultDeserializer(IDeserializer inner) => this.inner = inner;

            public T ToSingle<T>(TextReader reader) => inner.ToSingle<T>(reader);

            public async Task<T> ToSingleAsync<T>(TextReader reader)
            {
                await Task.Yield();
                var first = ToSingle<T>(reader);
                return first ?? {|ASYNC105:inner.ToSingle<T>(reader)|};
            }
        }
        """);
}
