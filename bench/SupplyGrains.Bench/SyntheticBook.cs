using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>
/// A deterministic order book of any size (fixed seed, so every run and every size is the same book family): one
/// customer per ten orders, skewed so a few large buyers run into their share cap; tiers 1–3; weights 0.5–3.0; one
/// destination per customer (40 % US, 15 % CN, …); every CN customer and one in ten others under one of 300 licences,
/// so licences are shared, more so as the book grows; supply about 60 % of demand, spread over the weeks.
/// </summary>
/// <remarks>
/// Each customer has one destination and one licence (or none), so it can be served one way only: that keeps the
/// oracle's exact answer and the engine's comparable (a customer's orders are served in queue order, which the LP
/// does not model: see SharedLicenceRoutingTests in the oracle tests).
/// </remarks>
public static class SyntheticBook
{
    public const int LotSize = 8;
    public const int Licences = 300;
    public const decimal MaxCustomerShare = 0.05m;
    public static readonly DestinationRatio ChinaToUs = new("CN", "US", 0.25m);
    public static readonly IsoWeek FirstWeek = IsoWeek.Parse("2026-W10");
    private static readonly DateTimeOffset Opening = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static AllocationProblem Create(int orders, CapSet caps = CapSet.LicenceAndShare, int weeks = 12, int seed = 20260310)
    {
        var random = new Random(seed);
        var customerCount = Math.Max(1, orders / 10);
        var customers = new (int Tier, decimal Weight, string Destination, string? Licence)[customerCount];
        for (var c = 0; c < customerCount; c++)
        {
            var roll = random.NextDouble();
            var destination = roll < 0.40 ? "US" : roll < 0.60 ? "DE" : roll < 0.75 ? "CN" : roll < 0.85 ? "NL" : "JP";
            var licensed = destination == "CN" || random.NextDouble() < 0.10;
            customers[c] = (1 + random.Next(3), 0.5m + random.Next(26) / 10m, destination, licensed ? $"L{random.Next(Licences)}" : null);
        }

        var demand = new List<DemandLine>(orders);
        long demandUnits = 0;
        for (var o = 0; o < orders; o++)
        {
            // u² skews orders toward the first customers: the largest holds a few per cent of the book.
            var u = random.NextDouble();
            var c = Math.Min(customerCount - 1, (int)(customerCount * u * u));
            var (tier, weight, destination, licence) = customers[c];
            var units = (1 + random.Next(20)) * LotSize;
            demandUnits += units;
            demand.Add(new DemandLine($"o{o:D7}", $"c{c:D6}", tier, weight, 0, FirstWeek.AddWeeks(random.Next(-2, weeks)),
                Opening.AddMinutes(random.Next(500_000)), units, destination, licence));
        }

        var licences = new Dictionary<string, int>(Licences);
        for (var l = 0; l < Licences; l++) licences[$"L{l}"] = (20 + random.Next(380)) * LotSize * Math.Max(1, orders / 10_000);

        var released = new Dictionary<IsoWeek, int>(weeks);
        for (var w = 0; w < weeks; w++)
            released[FirstWeek.AddWeeks(w)] = checked((int)(demandUnits * 0.6 / weeks * (0.8 + 0.4 * random.NextDouble())));

        return new AllocationProblem(FirstWeek, FirstWeek.AddWeeks(weeks - 1), released, LotSize, demand, licences,
            new AllocationCaps(MaxCustomerShare, DestinationRatio: caps == CapSet.LicenceShareAndRatio ? [ChinaToUs] : null));
    }
}
