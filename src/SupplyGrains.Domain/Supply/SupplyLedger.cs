namespace SupplyGrains.Domain.Supply;

/// <summary>
/// Available-to-promise arithmetic over a product line's weekly production and commitments. Unallocated units carry
/// forward as inventory, so what week w can still promise is the least cumulative net (produced − committed) of
/// any week from w on: promising more would take units a later commitment already counts on. Produced is the fabs'
/// output plus the planners' adjustments.
/// </summary>
public sealed class SupplyLedger
{
    private readonly IsoWeek[] _weeks;
    private readonly int[] _produced;
    private readonly int[] _committed;
    private readonly int[] _adjusted;
    private readonly IReadOnlyDictionary<string, int>?[] _byFab;
    private readonly long[] _cumulativeNet;
    private readonly long[] _available;

    public SupplyLedger(IReadOnlyDictionary<IsoWeek, int> produced, IReadOnlyDictionary<IsoWeek, int> committed)
        : this(produced, byFab: null, adjusted: new Dictionary<IsoWeek, int>(), committed)
    {
    }

    private SupplyLedger(
        IReadOnlyDictionary<IsoWeek, int> fabs,
        IReadOnlyDictionary<IsoWeek, Dictionary<string, int>>? byFab,
        IReadOnlyDictionary<IsoWeek, int> adjusted,
        IReadOnlyDictionary<IsoWeek, int> committed)
    {
        _weeks = fabs.Keys.Union(adjusted.Keys).Union(committed.Keys).Order().ToArray();
        // A fab forecast cut after a negative adjustment could take a week below zero; no week produces fewer than none.
        _produced = _weeks.Select(w => Math.Max(0, fabs.GetValueOrDefault(w) + adjusted.GetValueOrDefault(w))).ToArray();
        _adjusted = _weeks.Select(w => adjusted.GetValueOrDefault(w)).ToArray();
        _committed = _weeks.Select(w => committed.GetValueOrDefault(w)).ToArray();
        _byFab = _weeks.Select(w => byFab is null ? null
            : (IReadOnlyDictionary<string, int>)(byFab.TryGetValue(w, out var fab) ? fab : new Dictionary<string, int>())).ToArray();
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

    /// <summary>
    /// The ledger of a product line whose production is each fab's output (by fab id) plus <paramref name="adjustments"/>;
    /// its weeks show the output of each fab and the adjusted units apart.
    /// </summary>
    public static SupplyLedger Of(
        IReadOnlyDictionary<string, IReadOnlyDictionary<IsoWeek, int>> fabOutput,
        IEnumerable<SupplyAdjustment> adjustments,
        IReadOnlyDictionary<IsoWeek, int> committed)
    {
        var fabs = new Dictionary<IsoWeek, int>();
        var byFab = new Dictionary<IsoWeek, Dictionary<string, int>>();
        foreach (var (fabId, output) in fabOutput)
            foreach (var (week, units) in output)
            {
                fabs[week] = fabs.GetValueOrDefault(week) + units;
                if (!byFab.TryGetValue(week, out var perFab)) byFab[week] = perFab = new Dictionary<string, int>(StringComparer.Ordinal);
                perFab[fabId] = perFab.GetValueOrDefault(fabId) + units;
            }
        var adjusted = new Dictionary<IsoWeek, int>();
        foreach (var a in adjustments) adjusted[a.Week] = adjusted.GetValueOrDefault(a.Week) + a.Units;
        return new SupplyLedger(fabs, byFab, adjusted, committed);
    }

    public IReadOnlyList<SupplyWeek> Weeks => _weeks
        .Select((w, i) => new SupplyWeek(w, _produced[i], _committed[i], (int)Math.Max(0, _available[i]), _cumulativeNet[i] < 0,
            _byFab[i], _adjusted[i], CarriedIn: (int)Math.Max(0, i == 0 ? 0 : _cumulativeNet[i - 1]), CarriedOut: (int)Math.Max(0, _cumulativeNet[i])))
        .ToList();

    /// <summary>Units produced each week, adjustments included: what a run reads as supply.</summary>
    public IReadOnlyDictionary<IsoWeek, int> Produced => _weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => _produced[x.i]);

    /// <summary>Units produced in <paramref name="week"/>, adjustments included.</summary>
    public int ProducedIn(IsoWeek week)
    {
        var index = Array.BinarySearch(_weeks, week);
        return index < 0 ? 0 : _produced[index];
    }

    /// <summary>
    /// Refuses an adjustment that would take its week's produced units below zero: more scrap than the week made is a
    /// mistake in the week or the units, not a shortfall to carry.
    /// </summary>
    public void RequireAdmits(SupplyAdjustment adjustment)
    {
        var produced = ProducedIn(adjustment.Week);
        if (produced + (long)adjustment.Units < 0)
            throw new DomainValidationException("units",
                $"would take {adjustment.Week}'s produced units below zero: it produces {produced}, so at most {produced} can be taken away");
    }

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
