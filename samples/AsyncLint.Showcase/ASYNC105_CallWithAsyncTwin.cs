namespace AsyncLint.Showcase;

/// <summary>ASYNC105: a user or third-party type offers an async twin; the sync call probably blocks (a suggestion).</summary>
public sealed class ASYNC105_CallWithAsyncTwin
{
    public sealed record Order(int Id);

    public interface IOrderRepository
    {
        Order Get(int id);
        Task<Order> GetAsync(int id, CancellationToken cancellationToken = default);
    }

    public async Task<Order> LoadOrderAsync(IOrderRepository orders, int id, CancellationToken cancellationToken)
    {
        var order = orders.Get(id); // ASYNC105 → await orders.GetAsync(id, cancellationToken)
        await Task.Delay(10, cancellationToken);
        return order;
    }

    // Not flagged: the async implementation calling its own synchronous half.
    public sealed class CachedRepository : IOrderRepository
    {
        public Order Get(int id) => new(id);

        public async Task<Order> GetAsync(int id, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Get(id);
        }
    }
}
