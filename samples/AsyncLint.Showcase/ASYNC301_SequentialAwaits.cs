namespace AsyncLint.Showcase;

/// <summary>ASYNC301: independent awaits one after another add their latencies; start them together.</summary>
public sealed class ASYNC301_SequentialAwaits
{
    public interface IUsers { Task<string> GetUserAsync(int id, CancellationToken cancellationToken); }

    public interface IOrders { Task<int[]> GetOrdersAsync(int id, CancellationToken cancellationToken); }

    public async Task<string> LoadDashboardAsync(IUsers users, IOrders orders, int id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(id, cancellationToken); // ASYNC301 → start both, await Task.WhenAll
        var recent = await orders.GetOrdersAsync(id, cancellationToken);
        return $"{user}: {recent.Length} orders";
    }

    // Not flagged: the second call needs the first one's result.
    public async Task<int[]> LoadOrdersOfAsync(IUsers users, IOrders orders, int id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(id, cancellationToken);
        return await orders.GetOrdersAsync(user.Length, cancellationToken);
    }

    // Not flagged: steps on one stream keep their order.
    public async Task<int> ReadHeaderAsync(Stream stream, byte[] length, byte[] kind)
    {
        var a = await stream.ReadAsync(length, 0, 4);
        var b = await stream.ReadAsync(kind, 0, 1);
        return a + b;
    }
}
