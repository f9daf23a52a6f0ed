using SupplyGrains.Domain;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>One week of the oracle's own run: the lots it had, and what each customer and order got, in lots.</summary>
public sealed record OracleWeek(
    IsoWeek Week,
    long SupplyLots,
    IReadOnlyDictionary<string, long> CustomerLots,
    IReadOnlyDictionary<string, long> OrderLots);
