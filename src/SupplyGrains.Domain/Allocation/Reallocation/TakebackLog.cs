namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// The takebacks of a plan as they are made, one entry per confirmation, cause, week and Win order (so lots taken one
/// at a time add up), each remembering the step of the plan that made it first.
/// </summary>
internal sealed class TakebackLog
{
    private readonly Dictionary<(HeldConfirmation Held, TakebackCause Cause, IsoWeek ForWeek, int ForOrder), Entry> _entries = [];

    public void Add(int step, HeldConfirmation held, long quantity, TakebackCause cause, IsoWeek forWeek, int forOrder, Func<string> reason)
    {
        var key = (held, cause, forWeek, forOrder);
        if (!_entries.TryGetValue(key, out var entry)) _entries[key] = entry = new Entry(step, reason());
        entry.Quantity += quantity;
    }

    public IReadOnlyList<Takeback> ToTakebacks(ReallocationBook book) =>
        [.. _entries
            .OrderBy(e => e.Value.Step)
            .ThenBy(e => e.Key.Held.Order)
            .ThenBy(e => e.Key.Held.Week)
            .ThenBy(e => e.Key.Held.RunId, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Held.LicenseId, StringComparer.Ordinal)
            .Select(e =>
            {
                var order = book.Orders[e.Key.Held.Order];
                return new Takeback(order.OrderId, order.CustomerId, order.ConfirmationClass, e.Key.Held.Week, checked((int)e.Value.Quantity),
                    e.Key.Held.RunId, e.Key.Held.LicenseId, e.Key.Cause, e.Key.ForWeek,
                    e.Key.ForOrder >= 0 ? book.Orders[e.Key.ForOrder].OrderId : null, e.Value.Reason);
            })];

    private sealed class Entry(int step, string reason)
    {
        public int Step { get; } = step;

        public string Reason { get; } = reason;

        public long Quantity { get; set; }
    }
}
