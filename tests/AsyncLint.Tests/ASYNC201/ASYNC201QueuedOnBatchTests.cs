using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A command queued on a pipelining client's batch or transaction, then executed by a later statement of the same block:
/// the execution completes the queued task and its result carries the outcome. The same call on the database itself, or a
/// batch that is never executed, is still a dropped task.
/// </summary>
public sealed class ASYNC201QueuedOnBatchTests
{
    private const string Client = """
        using System;
        using System.Threading.Tasks;

        public interface ITransaction
        {
            Task<bool> HashSetAsync(string key, string field, string value);
            void AddCondition(string key);
            bool Execute();
            Task<bool> ExecuteAsync();
        }

        public interface IBatch
        {
            Task<long> IncrementAsync(string key);
            void Execute();
        }

        public interface IDatabase
        {
            ITransaction CreateTransaction();
            IBatch CreateBatch();
            Task<bool> HashSetAsync(string key, string field, string value);
        }

        """;

    [Fact]
    public Task Commands_queued_on_a_transaction_or_batch_that_is_executed_later_are_silent() => VerifyAnalyzer.AnalyzerAsync(Client + """
        public static class Store
        {
            public static bool Update(IDatabase db, string key, string value)
            {
                var tran = db.CreateTransaction();
                tran.AddCondition(key);
                tran.HashSetAsync(key, "v", value);
                return tran.Execute();
            }

            public static async Task<bool> UpdateAsync(IDatabase db, string key, string value)
            {
                var tran = db.CreateTransaction();
                tran.HashSetAsync(key, "v", value);
                return await tran.ExecuteAsync();
            }

            public static void CountAll(IBatch batch, string a, string b)
            {
                batch.IncrementAsync(a);
                batch.IncrementAsync(b);
                batch.Execute();
            }
        }
        """);

    [Fact]
    public Task The_database_call_and_a_batch_never_executed_in_the_block_are_reported() => VerifyAnalyzer.AnalyzerAsync(Client + """
        public static class Store
        {
            public static void Count(IBatch batch, string[] keys)
            {
                foreach (var key in keys)
                {
                    {|ASYNC201:batch.IncrementAsync(key)|};
                }
            }

            public static void Save(IDatabase db, string key, string value)
            {
                {|ASYNC201:db.HashSetAsync(key, "v", value)|};
            }

            public static void Queue(IDatabase db, string key, string value)
            {
                var tran = db.CreateTransaction();
                {|ASYNC201:tran.HashSetAsync(key, "v", value)|};
            }

            public static void Later(IDatabase db, string key, string value, Action<Func<bool>> defer)
            {
                var tran = db.CreateTransaction();
                {|ASYNC201:tran.HashSetAsync(key, "v", value)|};
                defer(() => tran.Execute());
            }
        }
        """);
}
