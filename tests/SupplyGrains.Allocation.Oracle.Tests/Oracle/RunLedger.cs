using SupplyGrains.Domain;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// What a run has left as it goes week by week and tier by tier, in whole lots: each order's remaining demand, each
/// licence's room and each quota'd destination's room. Whoever allocates (the oracle's own run, or a replay of the
/// engine's outcome) reports every placement through <see cref="Take"/>.
/// </summary>
public sealed class RunLedger
{
    private readonly long[] _remaining;
    private readonly Dictionary<string, long> _licenceRoom;
    private readonly Dictionary<string, long> _quotaRoom;

    public RunLedger(OracleBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        Book = book;
        _remaining = book.Orders.Select(d => (long)d.Remaining / book.LotSize).ToArray();
        _licenceRoom = new Dictionary<string, long>(book.LicenceRoomLots, StringComparer.Ordinal);
        _quotaRoom = new Dictionary<string, long>(book.QuotaLots, StringComparer.Ordinal);
    }

    public OracleBook Book { get; }

    public long RemainingLots(int order) => _remaining[order];

    public long LicenceRoom(string licence) => _licenceRoom[licence];

    /// <summary>Orders that may be served in <paramref name="week"/>: requested by then and still wanting lots.</summary>
    public IEnumerable<int> Eligible(IsoWeek week) =>
        Enumerable.Range(0, _remaining.Length).Where(o => Book.Orders[o].RequestedWeek <= week && _remaining[o] > 0);

    public void Take(int order, long lots)
    {
        if (lots == 0) return;
        if (lots < 0 || lots > _remaining[order]) throw new InvalidOperationException($"Order {Book.Orders[order].OrderId} cannot take {lots} lots.");
        _remaining[order] -= lots;
        if (Book.Orders[order].LicenseId is { } licence) _licenceRoom[licence] -= lots;
        if (_quotaRoom.ContainsKey(Book.Orders[order].Destination)) _quotaRoom[Book.Orders[order].Destination] -= lots;
    }

    /// <summary>
    /// The LP for the eligible orders of <paramref name="customers"/> in <paramref name="week"/>, sharing
    /// <paramref name="supplyLots"/>; <paramref name="destinationCaps"/> adds caps on top of the quotas, and
    /// <paramref name="groupCaps"/> caps on sums over several destinations (a ratio turned into a cap on its destination side).
    /// </summary>
    public TierProblem Tier(
        IEnumerable<int> customers, IsoWeek week, double supplyLots, double shareCapLots,
        IReadOnlyDictionary<string, double>? destinationCaps = null, IReadOnlyList<DestinationGroupRoom>? groupCaps = null)
    {
        var members = customers.ToHashSet();
        var eligible = Eligible(week).Where(o => members.Contains(Book.OrderCustomer[o])).ToList();
        eligible.Sort(Book.CompareQueue);
        // The engine breaks ties by each customer's first eligible order in the queue: so do the indexes here.
        var order = eligible.Select(o => Book.OrderCustomer[o]).Distinct().ToArray();
        var local = order.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        var routes = new List<Route>();
        var routeOrders = new List<List<int>>();
        var routeIndex = new Dictionary<(int, string?, string), int>();
        foreach (var o in eligible)
        {
            var line = Book.Orders[o];
            var key = (local[Book.OrderCustomer[o]], line.LicenseId, line.Destination);
            if (!routeIndex.TryGetValue(key, out var r))
            {
                r = routes.Count;
                routeIndex.Add(key, r);
                routes.Add(new Route(key.Item1, 0, line.LicenseId, line.Destination));
                routeOrders.Add([]);
            }
            routes[r] = routes[r] with { DemandLots = routes[r].DemandLots + _remaining[o] };
            routeOrders[r].Add(o);
        }

        var destinations = _quotaRoom.ToDictionary(q => q.Key, q => (double)q.Value, StringComparer.Ordinal);
        foreach (var (destination, cap) in destinationCaps ?? new Dictionary<string, double>())
            destinations[destination] = destinations.TryGetValue(destination, out var quota) ? Math.Min(quota, cap) : cap;

        var problem = new SharingProblem(
            supplyLots,
            order.Select(c => Book.CustomerWeight[c]).ToArray(),
            order.Select(_ => shareCapLots).ToArray(),
            routes,
            _licenceRoom.ToDictionary(l => l.Key, l => (double)l.Value, StringComparer.Ordinal),
            destinations,
            groupCaps);
        return new TierProblem(problem, order, routeOrders.Select(r => r.ToArray()).ToArray());
    }
}
