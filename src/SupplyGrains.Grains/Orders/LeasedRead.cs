namespace SupplyGrains.Grains.Orders;

/// <summary>
/// A read every new order makes and that rarely changes (the policy in force, a product line's definition): the value
/// read is reused until <see cref="ReadLease.Duration"/> has passed since its read was sent, or the UTC day it was sent
/// on has ended (the policy in force is chosen by date). Reads go out one at a time (<see cref="CallBatcher{TItem,TResult}"/>);
/// a failed read is not kept, so a product line not yet defined is asked for again by the next order.
/// </summary>
/// <remarks>
/// Correct only because whatever changes the value waits out the lease before it acknowledges the change
/// (<see cref="ReadLease.WaitOut"/>): a read answered with the old value was sent before the change became durable, so
/// its lease ends before the acknowledgement.
/// </remarks>
internal sealed class LeasedRead<T>
{
    private readonly TimeProvider _clock;
    private readonly CallBatcher<bool, Held> _reads;
    private Held? _held;

    public LeasedRead(Func<Task<T>> read, TimeProvider clock)
    {
        _clock = clock;
        _reads = new(async _ =>
        {
            var sentAt = clock.GetTimestamp();
            var sentOn = clock.GetUtcNow();
            var value = await read();
            var held = new Held(Task.FromResult(value), sentAt, new DateTimeOffset(sentOn.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
            Volatile.Write(ref _held, held);
            return held;
        });
    }

    /// <summary>The value, read now or within the lease.</summary>
    public Task<T> Get()
    {
        var held = Volatile.Read(ref _held);
        return held is not null && _clock.GetElapsedTime(held.SentAt) < ReadLease.Duration && _clock.GetUtcNow() < held.DayEnds
            ? held.Value
            : ReadAsync();
    }

    private async Task<T> ReadAsync() => await (await _reads.Add(true)).Value;

    // The value as a completed task, made once: handing it to every order of the lease allocates nothing.
    private sealed record Held(Task<T> Value, long SentAt, DateTimeOffset DayEnds);
}
