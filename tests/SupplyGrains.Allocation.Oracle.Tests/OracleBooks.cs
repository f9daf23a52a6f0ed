using System.Globalization;
using System.Text;
using CsCheck;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// Small random FairShare books for the oracle: up to 8 customers (weights 0.1–3.0, one destination each) and 20
/// orders of whole lots over 1–3 weeks (some requested before the run, some after it starts), up to 4 licences of
/// which several customers draw on the same one (some unknown to the run), an optional customer share, and odd
/// released quantities. Small enough that every LP solves in microseconds.
/// </summary>
internal static class OracleBooks
{
    public static readonly IsoWeek Week1 = IsoWeek.Parse("2026-W10");
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Destinations = ["DE", "US", "CN", "NL"];

    // With a grouped ratio, MO too: the destination side is CN and MO.
    private static readonly string[] GroupedDestinations = ["DE", "US", "CN", "NL", "MO"];

    private static readonly Gen<decimal?> Share = Gen.Frequency(
        (2, Gen.Const((decimal?)null)),
        (1, Gen.Int[5, 100].Select(percent => (decimal?)(percent / 100m))));

    public static Gen<AllocationProblem> Books(BookShape shape) => Books(shape, shape.GroupedRatio ? GroupedDestinations : Destinations);

    private static Gen<AllocationProblem> Books(BookShape shape, string[] destinations) =>
        from lotSize in Gen.Int[1, 5]
        from weeks in Gen.Int[1, 3]
        from licences in Gen.Int[-10, 60].Array[0, 4]
        from customers in Gen.Select(Gen.Int[1, shape.Tiers ? 3 : 1], Gen.Int[1, 30], Gen.Int[0, destinations.Length - 1],
            Gen.Int[-1, licences.Length - 1]).Array[1, 8]
        from orders in Gen.Select(Gen.Int[0, customers.Length - 1], Gen.Int[0, 12], Gen.Int[-1, licences.Length - 1],
            Gen.Int[-1, weeks - 1], Gen.Int[0, 20]).Array[0, 20]
        from released in Gen.Int[0, 150].Array[weeks]
        from share in Share
        from quotas in Gen.Int[-1, 80].Array[destinations.Length]
        from ratio in Gen.Int[1, 4].Select(quarters => quarters / 4m)
        select new AllocationProblem(
            Week1,
            Week1.AddWeeks(weeks - 1),
            released.Select((units, i) => (Week: Week1.AddWeeks(i), Units: units)).ToDictionary(x => x.Week, x => x.Units),
            lotSize,
            orders.Select((o, i) =>
            {
                var (tier, tenths, destination, homeLicence) = customers[o.Item1];
                var licence = shape.OneRoutePerCustomer ? homeLicence : o.Item3;
                return new DemandLine($"o{i:00}", $"c{o.Item1}", tier, tenths / 10m, 0, Week1.AddWeeks(o.Item4), Opening.AddMinutes(o.Item5),
                    o.Item2 * lotSize, destinations[destination], licence >= 0 ? LicenceId(shape, licence, destinations[destination]) : null);
            }).ToList(),
            // A negative draw leaves the licence out: a licence the run knows nothing of covers nothing.
            licences.SelectMany((units, i) => destinations.Select(d => (Id: LicenceId(shape, i, d), Units: units))).DistinctBy(x => x.Id)
                .Where(x => x.Units >= 0).ToDictionary(x => x.Id, x => x.Units),
            new AllocationCaps(
                MaxCustomerShare: share,
                CountryQuota: shape.CountryQuotas
                    ? quotas.Select((units, i) => (Country: destinations[i], Units: units)).Where(x => x.Units >= 0).ToDictionary(x => x.Country, x => x.Units)
                    : null,
                DestinationRatio: shape.DestinationRatio ? [new DestinationRatio("CN", "US", ratio, shape.GroupedRatio ? ["MO"] : null)] : null));

    private static string LicenceId(BookShape shape, int licence, string destination) =>
        shape.LicencesPerDestination ? $"L{licence}-{destination}" : $"L{licence}";

    /// <summary>A failing book written out so it can be read and turned into a unit test.</summary>
    public static string Describe(AllocationProblem problem)
    {
        var text = new StringBuilder();
        var caps = problem.Caps;
        text.Append(CultureInfo.InvariantCulture, $"{problem.Strategy} {problem.FromWeek}..{problem.ToWeek} lot {problem.LotSize} share {caps.MaxCustomerShare}\n");
        text.Append("released: ").AppendJoin(", ", problem.ReleasedSupply.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}")).Append('\n');
        text.Append("licences: ").AppendJoin(", ", problem.LicenseRemaining.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")).Append('\n');
        if (caps.CountryQuota is { Count: > 0 } quota) text.Append("quotas: ").AppendJoin(", ", quota.Select(q => $"{q.Key}={q.Value}")).Append('\n');
        foreach (var ratio in caps.DestinationRatio ?? [])
        {
            text.Append(CultureInfo.InvariantCulture,
                $"ratio: {string.Join(" + ", new[] { ratio.Destination }.Concat(ratio.Together ?? []))} <= {ratio.MaxRatio} x {ratio.RelativeTo}\n");
        }
        foreach (var d in problem.Demand)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{d.OrderId} {d.CustomerId} tier {d.Tier} w {d.Weight} week {d.RequestedWeek} at {d.SubmittedAt:HH:mm} wants {d.Remaining} to {d.Destination} licence {d.LicenseId}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Checks <paramref name="assert"/> on <paramref name="iter"/> books of a fixed sequence, so CI gives the same
    /// answer every run; with <c>ORACLE_EXPLORE=1</c> it samples fresh random books with shrinking instead, to hunt.
    /// </summary>
    /// <remarks>
    /// Used by the ratio comparisons. Rounding under a ratio used to land more than one lot from the LP on about one book
    /// in ten thousand: the lots rounding gave the reference side moved the destination side's room and the supply left
    /// to the others, whose remainders were still placed on shares computed before (seed <c>30mYtioeq5l1</c>, kept as
    /// <see cref="CapOracleTests.FairShare_IsMaxMinAroundTheReferenceLots_WhenRoundingGivesTheReferenceALot"/>). The
    /// engine now shares the others again around the reference's lots, and sampling has found no gap since; the fixed
    /// sequence stays so that CI gives the same answer every run.
    /// </remarks>
    public static void Check(this Gen<AllocationProblem> books, Action<AllocationProblem> assert, int iter)
    {
        if (Environment.GetEnvironmentVariable("ORACLE_EXPLORE") is not null)
        {
            books.Sample(assert, iter: iter, print: Describe);
            return;
        }
        var pcg = new PCG(1, 20261129);
        for (var i = 0; i < iter; i++)
        {
            var book = books.Generate(pcg, null, out _);
            try
            {
                assert(book);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"book {i} of the fixed sequence:{Environment.NewLine}{Describe(book)}{Environment.NewLine}{e.Message}", e);
            }
        }
    }
}
