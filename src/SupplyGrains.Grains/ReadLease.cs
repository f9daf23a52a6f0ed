namespace SupplyGrains.Grains;

/// <summary>
/// How long order intake may go on using a policy or product line definition it read, counted from when the read was
/// sent (<see cref="Orders.LeasedRead{T}"/>). A change those reads would see (a policy coming into force, a product line
/// redefined) is acknowledged, and re-decides open orders, only once this long has passed since it became durable: by
/// then no silo still uses what it read before, so an order submitted after the acknowledgement is decided under the
/// change, as it was when every order read both for itself.
/// </summary>
/// <remarks>
/// Both reads went out per order (batched, but an in-silo call returns so fast that a batch held one or two orders), and
/// each order waited for them: with the lease the silo spent 2–6 % less CPU per order and the paced p99 at 5,000/s fell
/// from 75–116 ms to 27–50 ms (bench/README.md §5). A quarter of a second makes them a few calls a second per silo, and
/// adds as much to a publication or a redefinition, which are rare beside orders. Durations are measured on each
/// silo's monotonic clock, so the silos' wall clocks need not agree.
/// </remarks>
internal static class ReadLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(250);

    // A timer may fire a millisecond early, and two silos' clocks tick at rates a few parts in a million apart.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits until every lease granted before a change that has just become durable has run out.</summary>
    public static Task WaitOut(TimeProvider clock) => Task.Delay(Duration + Margin, clock);
}
