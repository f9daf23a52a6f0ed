namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>What kind of random book <see cref="OracleBooks"/> draws.</summary>
/// <param name="OneRoutePerCustomer">All of a customer's orders go under one licence (or none), so a customer can be served one way only.</param>
/// <param name="Tiers">Customers spread over tiers 1–3 rather than all in tier 1.</param>
/// <param name="CountryQuotas">Some destinations get a quota over the run.</param>
/// <param name="DestinationRatio">CN may get at most r × what US gets in each week.</param>
/// <param name="GroupedRatio">
/// With <paramref name="DestinationRatio"/>: CN and MO together may get at most r × what US gets (some customers go to
/// MO).
/// </param>
/// <param name="LicencesPerDestination">
/// Each licence covers customers of one destination only. With a ratio, a licence shared across destinations makes
/// the lockstep path-dependent: while CN waits for US to grow, DE may drain the licence CN also needs, so CN ends
/// on the licence below what the final US volume would allow. The fixed-point LP check does not model that order.
/// </param>
internal sealed record BookShape(bool OneRoutePerCustomer, bool Tiers = true, bool CountryQuotas = false, bool DestinationRatio = false,
    bool LicencesPerDestination = false, bool GroupedRatio = false);
