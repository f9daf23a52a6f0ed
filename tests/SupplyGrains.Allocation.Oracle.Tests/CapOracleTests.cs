using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// FairShare against the oracle with the caps that couple customers through their destination (the checks themselves
/// are proven on hand-written outcomes in <see cref="EngineReplayTests"/>).
/// </summary>
public class CapOracleTests
{
    [Fact]
    public void FairShare_MatchesTheLpOracleWithinOneLot_WithCountryQuotas() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true, CountryQuotas: true)).Sample(
            problem => FairShareOracleTests.AssertAgrees(problem, AllocationEngine.Allocate(problem)),
            iter: 400, print: OracleBooks.Describe);

    /// <summary>
    /// One tier, so "what US gets in the week" is unambiguous: US customers keep the engine's lots (it does not boost
    /// them for CN's sake), CN is capped at r × that, and everybody else must be max-min fair around it. Licences
    /// stay within a destination (see <see cref="BookShape.LicencesPerDestination"/> for why).
    /// </summary>
    [Fact]
    public void FairShare_IsMaxMinAroundTheReferenceGroup_WithADestinationRatio() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true, Tiers: false, DestinationRatio: true, LicencesPerDestination: true)).Check(
            problem => FairShareOracleTests.AssertAgrees(problem, AllocationEngine.Allocate(problem)), iter: 400);

    /// <summary>
    /// As above with CN and MO together on the ratio's destination side: the cap is on their sum, and CN and MO
    /// customers are max-min fair among themselves and with everybody else under it.
    /// </summary>
    [Fact]
    public void FairShare_IsMaxMinAroundTheReferenceGroup_WithAGroupedRatio() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true, Tiers: false, DestinationRatio: true, LicencesPerDestination: true, GroupedRatio: true)).Check(
            problem => FairShareOracleTests.AssertAgrees(problem, AllocationEngine.Allocate(problem)), iter: 400);

    /// <summary>The grouped ratio with country quotas too, so that a quota on CN or MO alone binds inside the group's cap.</summary>
    [Fact]
    public void FairShare_IsMaxMinAroundTheReferenceGroup_WithAGroupedRatioAndCountryQuotas() =>
        OracleBooks.Books(new BookShape(OneRoutePerCustomer: true, Tiers: false, CountryQuotas: true, DestinationRatio: true, LicencesPerDestination: true,
            GroupedRatio: true)).Check(
            problem => FairShareOracleTests.AssertAgrees(problem, AllocationEngine.Allocate(problem)), iter: 400);
}
