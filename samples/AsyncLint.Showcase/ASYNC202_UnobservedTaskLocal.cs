namespace AsyncLint.Showcase;

/// <summary>ASYNC202: a task kept in a local and never read is a dropped task with a name.</summary>
public sealed class ASYNC202_UnobservedTaskLocal
{
    public async Task<int> ImportAsync(string[] rows)
    {
        var audit = Task.Delay(10); // ASYNC202 → await audit; at the end of the block
        await Task.Delay(rows.Length);
        return rows.Length;
    }

    // Not flagged: started first, awaited later, so the two overlap.
    public async Task<int> ImportTogetherAsync(string[] rows)
    {
        var audit = Task.Delay(10);
        await Task.Delay(rows.Length);
        await audit;
        return rows.Length;
    }
}
