using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// An <see cref="AllocationProblem"/>'s demand in the oracle's terms: customers with the profile the engine uses
/// (the most recent submission speaks for a customer), orders in lots with their queue keys, and the licence and
/// country-quota rooms the run starts with, in whole lots.
/// </summary>
public sealed class OracleBook
{
    private OracleBook(AllocationProblem problem)
    {
        Problem = problem;
        LotSize = problem.LotSize;
        Orders = problem.Demand.ToArray();
        var profiles = Orders.GroupBy(d => d.CustomerId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.SubmittedAt.UtcTicks).ThenBy(d => d.OrderId, StringComparer.Ordinal).Last())
            .OrderBy(d => d.Tier).ThenBy(d => d.CustomerId, StringComparer.Ordinal)
            .ToArray();
        CustomerIds = profiles.Select(p => p.CustomerId).ToArray();
        CustomerTier = profiles.Select(p => p.Tier).ToArray();
        CustomerWeight = profiles.Select(p => (double)p.Weight).ToArray();
        var index = CustomerIds.Select((id, c) => (id, c)).ToDictionary(x => x.id, x => x.c, StringComparer.Ordinal);
        OrderCustomer = Orders.Select(d => index[d.CustomerId]).ToArray();
        // A licence the run knows nothing of covers nothing; one already overdrawn covers nothing more.
        LicenceRoomLots = Orders.Where(d => d.LicenseId is not null).Select(d => d.LicenseId!).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => (long)Math.Max(0, problem.LicenseRemaining.GetValueOrDefault(id)) / LotSize, StringComparer.Ordinal);
        QuotaLots = (problem.Caps.CountryQuota ?? new Dictionary<string, int>())
            .ToDictionary(q => q.Key, q => (long)Math.Max(0, q.Value) / LotSize, StringComparer.Ordinal);
    }

    public AllocationProblem Problem { get; }

    public int LotSize { get; }

    public DemandLine[] Orders { get; }

    public int[] OrderCustomer { get; }

    /// <summary>Customers by (tier, id).</summary>
    public string[] CustomerIds { get; }

    public int[] CustomerTier { get; }

    public double[] CustomerWeight { get; }

    /// <summary>Whole lots each licence named by an order covers at the start of the run.</summary>
    public IReadOnlyDictionary<string, long> LicenceRoomLots { get; }

    /// <summary>Whole lots each destination with a country quota may get over the run.</summary>
    public IReadOnlyDictionary<string, long> QuotaLots { get; }

    public static OracleBook From(AllocationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new OracleBook(problem);
    }

    /// <summary>floor(share × week supply / lot), as SPEC §4 reads maxCustomerShare; +∞ without one.</summary>
    public double ShareCapLots(long supplyUnits) =>
        Problem.Caps.MaxCustomerShare is { } share ? (double)Math.Floor(share * supplyUnits / LotSize) : double.PositiveInfinity;

    /// <summary>Queue order: requested week, submission time, order id.</summary>
    public int CompareQueue(int a, int b)
    {
        var (x, y) = (Orders[a], Orders[b]);
        var byWeek = x.RequestedWeek.CompareTo(y.RequestedWeek);
        if (byWeek != 0) return byWeek;
        var bySubmission = x.SubmittedAt.UtcTicks.CompareTo(y.SubmittedAt.UtcTicks);
        return bySubmission != 0 ? bySubmission : string.CompareOrdinal(x.OrderId, y.OrderId);
    }
}
