namespace SupplyGrains.Domain.Supply;

/// <summary>
/// Available-to-promise arithmetic over a product line's weekly production and commitments. Unallocated units carry
/// forward as inventory, so what week w can still promise is the least cumulative net (produced − committed) of
/// any week from w on: promising more would take units a later commitment already counts on.
/// </summary>
public sealed class SupplyLedger
{
    private readonly IsoWeek[] _weeks;
    private readonly int[] _produced;
    private readonly int[] _committed;
    private readonly long[] _cumulativeNet;
    private readonly long[] _available;

    public SupplyLedger(IReadOnlyDictionary<IsoWeek, int> produced, IReadOnlyDictionary<IsoWeek, int> committed)
    {
        _weeks = produced.Keys.Union(committed.Keys).Order().ToArray();
        _produced = _weeks.Select(w => produced.GetValueOrDefault(w)).ToArray();
        _committed = _weeks.Select(w => committed.GetValueOrDefault(w)).ToArray();
        _cumulativeNet = new long[_weeks.Length];
        long cumulative = 0;
        for (var i = 0; i < _weeks.Length; i++)
        {
            cumulative += _produced[i] - _committed[i];
            _cumulativeNet[i] = cumulative;
        }
        _available = (long[])_cumulativeNet.Clone();
        // Suffix minimum: week i can promise no more than the tightest cumulative net from i on.
        for (var i = _weeks.Length - 2; i >= 0; i--) _available[i] = Math.Min(_available[i], _available[i + 1]);
    }

    public IReadOnlyList<SupplyWeek> Weeks => _weeks
        .Select((w, i) => new SupplyWeek(w, _produced[i], _committed[i], (int)Math.Max(0, _available[i]), _cumulativeNet[i] < 0))
        .ToList();

    /// <summary>Units available to promise by <paramref name="week"/> (never negative).</summary>
    public int AvailableBy(IsoWeek week)
    {
        var index = Array.BinarySearch(_weeks, week);
        if (index < 0) index = ~index - 1;
        if (index < 0) return 0; // nothing is produced before the ledger's first week
        return (int)Math.Max(0, _available[index]);
    }

    /// <summary>
    /// The supply each week of a run releases, so that what a run allocates up to any week never exceeds what that
    /// week can promise: the first week gets everything available by then (carried inventory included), each later
    /// week the growth of availability.
    /// </summary>
    public IReadOnlyDictionary<IsoWeek, int> ReleasedSupply(IsoWeek from, IsoWeek to)
    {
        var released = new Dictionary<IsoWeek, int>();
        var before = 0;
        foreach (var week in IsoWeek.Range(from, to))
        {
            var available = AvailableBy(week);
            released[week] = available - before;
            before = available;
        }
        return released;
    }
}
