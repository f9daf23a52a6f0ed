namespace SupplyGrains.Silo.Tests;

/// <summary>Waits for a condition with a deadline instead of sleeping: re-evaluations run in the background.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var value = await read();
        while (!done(value))
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"Condition not reached in time; last value: {value}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            value = await read();
        }
        return value;
    }
}
