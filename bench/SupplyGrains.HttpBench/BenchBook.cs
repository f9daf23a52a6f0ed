using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.HttpBench;

/// <summary>
/// The book both sides allocate: customers (one in ten shipping to DE, the rest to the US) with tiers 1-2 and
/// weights 1-3, each with several orders spread over twelve weeks, and scarce supply (about a third of demand).
/// </summary>
internal sealed record BenchBook(string ProductLine, int Orders, int Customers)
{
    public const int LotSize = 8;
    public const int Weeks = 12;
    public static readonly IsoWeek FirstWeek = IsoWeek.Parse("2032-W10");

    public static readonly AllocationCaps Caps = new(MaxCustomerShare: 0.05m,
        DestinationRatio: [new DestinationRatio("DE", "US", 0.1m)]);

    public int UnitsPerWeek => Orders * 3 * LotSize / Weeks / 3; // a third of the demand (three lots an order)

    public string CustomerId(int c) => $"{ProductLine}-cu-{c:D6}";

    public static string Country(int c) => c % 10 == 0 ? "DE" : "US";

    public static int Tier(int c) => 1 + c % 2;

    public static decimal Weight(int c) => 1 + c % 3;

    public int CustomerOf(int order) => order % Customers;

    public static IsoWeek Week(int order) => FirstWeek.AddWeeks(order % Weeks);

    public static int Quantity(int order) => (1 + order % 5) * LotSize;

    /// <summary>The same book as the engine's problem; submission times only break ties, so any increasing ones do.</summary>
    public AllocationProblem Problem(bool withRatio)
    {
        var start = DateTimeOffset.UnixEpoch;
        var demand = Enumerable.Range(0, Orders).Select(o =>
        {
            var c = CustomerOf(o);
            return new DemandLine($"o-{o}", CustomerId(c), Tier(c), Weight(c), 0, Week(o), start.AddTicks(o), Quantity(o), Country(c), null);
        }).ToList();
        var supply = Enumerable.Range(0, Weeks).ToDictionary(w => FirstWeek.AddWeeks(w), _ => UnitsPerWeek);
        return new AllocationProblem(FirstWeek, FirstWeek.AddWeeks(Weeks - 1), supply, LotSize, demand,
            new Dictionary<string, int>(), withRatio ? Caps : Caps with { DestinationRatio = null });
    }
}
