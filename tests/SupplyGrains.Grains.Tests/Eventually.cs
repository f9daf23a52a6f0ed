namespace SupplyGrains.Grains.Tests;

/// <summary>Waits for a condition with a deadline instead of sleeping: re-evaluations run in the background.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var value = await read();
        while (!done(value))
        {
            if (cancellation.IsCancellationRequested)
                throw new TimeoutException($"Condition not reached in time; last value: {value}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            value = await read();
        }
        return value;
    }
}
