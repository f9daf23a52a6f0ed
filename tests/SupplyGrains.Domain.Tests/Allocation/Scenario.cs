using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>Allocation problems in a few words: released supply per week from <see cref="Week1"/>, lines with plain defaults.</summary>
internal static class Scenario
{
    public static readonly IsoWeek Week1 = IsoWeek.Parse("2026-W10");
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    // week: the requested week counted from Week1 (negative: before the run); minute: submission time after a fixed opening.
    public static DemandLine Order(
        string orderId, string customerId, int remaining, int tier = 1, decimal weight = 1m, long pastPurchases = 0,
        int week = 0, int minute = 0, string? licence = null, string to = "DE") =>
        new(orderId, customerId, tier, weight, pastPurchases, Week1.AddWeeks(week), Opening.AddMinutes(minute), remaining, to, licence);

    public static AllocationCaps Ratio(string destination, string relativeTo, decimal maxRatio) =>
        new(DestinationRatio: [new DestinationRatio(destination, relativeTo, maxRatio)]);

    /// <summary>A ratio whose destination side is <paramref name="destination"/> together with <paramref name="together"/>.</summary>
    public static AllocationCaps Ratio(string destination, string[] together, string relativeTo, decimal maxRatio) =>
        new(DestinationRatio: [new DestinationRatio(destination, relativeTo, maxRatio, together)]);

    public static AllocationCaps Quota(string country, int units) => new(CountryQuota: new Dictionary<string, int> { [country] = units });

    public static AllocationProblem Problem(
        int[] released, IEnumerable<DemandLine> demand, int lotSize = 1, IReadOnlyDictionary<string, int>? licences = null,
        AllocationCaps? caps = null, AllocationStrategy strategy = AllocationStrategy.FairShare) =>
        new(Week1, Week1.AddWeeks(released.Length - 1),
            released.Select((units, i) => (Week: Week1.AddWeeks(i), Units: units)).ToDictionary(x => x.Week, x => x.Units),
            lotSize, demand.ToList(), licences ?? new Dictionary<string, int>(), caps ?? AllocationCaps.None, strategy);

    public static AllocationLine Line(this AllocationOutcome outcome, string orderId, int week = 0) =>
        outcome.Weeks[week].Lines.Single(l => l.OrderId == orderId);

    public static int Got(this AllocationOutcome outcome, string orderId, int week = 0) => outcome.Line(orderId, week).Quantity;

    public static int CustomerGot(this AllocationOutcome outcome, string customerId, int week = 0) =>
        outcome.Weeks[week].Lines.Where(l => l.CustomerId == customerId).Sum(l => l.Quantity);

    public static OrderAllocation Order(this AllocationOutcome outcome, string orderId) => outcome.Orders.Single(o => o.OrderId == orderId);
}
