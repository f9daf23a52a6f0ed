using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Tests.Compliance;

public class GateEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly PolicyDocument V2 = new(
        new DateOnly(2026, 1, 1), "H200 licensable to approved CN buyers",
        new ExportPolicy(
            [new ExportRule("h200", "CN", ExportTreatment.LicenseRequired), new ExportRule("h100", "CN", ExportTreatment.Denied)],
            [EntityType.MilitaryAffiliated],
            [new DeniedParty("National University of Defense Technology", ["NUDT"])],
            0.9m),
        [new ImportRule("CN", ["h200"], [EntityType.StateFundedDataCenter], [new DeniedUseCase("h200", UseCase.Inference)])]);

    private static readonly CustomerProfile ByteDance = new("ByteDance Ltd.", ["字节跳动"], "CN", EntityType.Private, 1, 1m, 0);
    private static readonly LicenseStanding License = new("lic-1", ["h200"], 1000, new DateOnly(2027, 12, 31));
    private static readonly OrderRequest Order = new("bytedance", "h200", 80, IsoWeek.Parse("2026-W50"), UseCase.Training, "CN");

    private static ComplianceVerdict Evaluate(OrderRequest? order = null, CustomerProfile? buyer = null,
        IReadOnlyList<LicenseStanding>? licenses = null, IReadOnlyList<Resolution>? resolutions = null) =>
        GateEvaluator.Evaluate(new ComplianceCase(order ?? Order, buyer ?? ByteDance, licenses ?? [License],
            new VersionedPolicy(2, V2, Now, "test"), resolutions ?? [], Now));

    private static GateDecision Decision(ComplianceVerdict v, Gate gate) => v.Decisions.Single(d => d.Gate == gate);

    private static Resolution Resolve(ComplianceVerdict v, Gate gate, bool cleared) => new(gate, cleared, v.Facts[gate], "officer", Now, null);

    [Fact]
    public void EveryGateRuns_AndEachDecisionCarriesPolicyVersionAndTime()
    {
        var verdict = Evaluate();

        Assert.Equal(Enum.GetValues<Gate>(), verdict.Decisions.Select(d => d.Gate));
        Assert.All(verdict.Decisions, d => Assert.Equal(2, d.PolicyVersion));
        Assert.All(verdict.Decisions, d => Assert.Equal(Now, d.DecidedAt));
        Assert.All(verdict.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Detail)));
    }

    [Fact]
    public void LicensedChineseBuyer_WaitsForBeijingsApproval()
    {
        var verdict = Evaluate();

        Assert.Equal(OrderStatus.OnHold, verdict.Status);
        Assert.Equal(GateOutcome.Pass, Decision(verdict, Gate.ExportControl).Outcome);
        Assert.Equal("lic-1", verdict.LicenseId);
        Assert.Equal(ReasonCodes.AwaitingImportApproval, Decision(verdict, Gate.ImportApproval).Reason);
    }

    [Fact]
    public void RecordedImportApproval_Approves_AndADenialRejects()
    {
        var held = Evaluate();

        Assert.Equal(OrderStatus.Approved, Evaluate(resolutions: [Resolve(held, Gate.ImportApproval, true)]).Status);
        var denied = Evaluate(resolutions: [Resolve(held, Gate.ImportApproval, false)]);
        Assert.Equal(OrderStatus.Rejected, denied.Status);
        Assert.Equal(ReasonCodes.ImportDenied, Decision(denied, Gate.ImportApproval).Reason);
    }

    [Fact]
    public void ScreeningFacts_CarryADigestOfTheList_NotItsNames_ComputedOncePerList()
    {
        IReadOnlyList<DeniedParty> list = [new("A Corp", []), new("B Institute", ["BI"])];

        var digest = DeniedPartyScreen.NamesDigest(list);

        Assert.Equal(ScreeningFacts.ListDigest("A Corp|B Institute"), digest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        Assert.Same(digest, DeniedPartyScreen.NamesDigest(list));
        Assert.NotEqual(digest, DeniedPartyScreen.NamesDigest([.. list, new("C Works", [])]));
        var facts = Evaluate().Facts[Gate.EndUserScreening];
        Assert.Contains($"\u001f{ScreeningFacts.ListDigest("National University of Defense Technology")}\u001f", facts);
        Assert.DoesNotContain("National University of Defense Technology", facts);
    }

    [Fact]
    public void AScreeningResolutionOnFactsThatNamedTheList_StillResolves_UntilTheListChanges()
    {
        var lookalike = ByteDance with { Name = "National University of Defence Technology", Aliases = [] };
        var held = Evaluate(buyer: lookalike);
        var digest = ScreeningFacts.ListDigest("National University of Defense Technology");
        // As orders decided before the digest stored it: the list's names in place of their digest.
        var namedList = held.Facts[Gate.EndUserScreening].Replace(digest, "National University of Defense Technology", StringComparison.Ordinal);
        var clearance = new Resolution(Gate.EndUserScreening, true, namedList, "officer", Now, null);

        Assert.Equal(GateOutcome.Pass, Decision(Evaluate(buyer: lookalike, resolutions: [clearance]), Gate.EndUserScreening).Outcome);
        Assert.Equal(held.Facts[Gate.EndUserScreening], ScreeningFacts.Current(Gate.EndUserScreening, namedList));
        var other = clearance with { Facts = namedList.Replace("Defense", "Defence", StringComparison.Ordinal) };
        Assert.Equal(GateOutcome.Hold, Decision(Evaluate(buyer: lookalike, resolutions: [other]), Gate.EndUserScreening).Outcome);
    }

    [Fact]
    public void Resolution_LapsesWhenItsFactsChange()
    {
        var held = Evaluate();
        var approval = Resolve(held, Gate.ImportApproval, true);

        var asStateFunded = Evaluate(buyer: ByteDance with { EntityType = EntityType.StateFunded }, resolutions: [approval]);

        Assert.Equal(ReasonCodes.AwaitingImportApproval, Decision(asStateFunded, Gate.ImportApproval).Reason);
    }

    [Fact]
    public void Order_FromMilitaryAffiliatedBuyer_IsRejected()
    {
        var verdict = Evaluate(buyer: ByteDance with { Name = "Some Institute", EntityType = EntityType.MilitaryAffiliated });

        Assert.Equal(OrderStatus.Rejected, verdict.Status);
        Assert.Equal(ReasonCodes.MilitaryEndUser, Decision(verdict, Gate.EndUserScreening).Reason);
    }

    [Fact]
    public void EndUser_OnTheDeniedPartyList_IsRejected_WhateverTheSpelling()
    {
        var order = Order with { EndUser = new EndUser("N.U.D.T., Ltd.", "CN") };

        var verdict = Evaluate(order);

        Assert.Equal(OrderStatus.Rejected, verdict.Status);
        Assert.Equal(ReasonCodes.DeniedParty, Decision(verdict, Gate.EndUserScreening).Reason);
    }

    [Fact]
    public void NameResemblingADeniedParty_HoldsForReview_AndAClearanceReleasesIt()
    {
        var lookalike = ByteDance with { Name = "National University of Defence Technology", Aliases = [] };
        var held = Evaluate(buyer: lookalike);

        var screening = Decision(held, Gate.EndUserScreening);
        Assert.Equal(GateOutcome.Hold, screening.Outcome);
        Assert.Equal(ReasonCodes.PossibleDeniedParty, screening.Reason);
        Assert.Contains("National University of Defense Technology", screening.Detail);

        var cleared = Evaluate(buyer: lookalike, resolutions: [Resolve(held, Gate.EndUserScreening, true)]);
        Assert.Equal(GateOutcome.Pass, Decision(cleared, Gate.EndUserScreening).Outcome);
        var denied = Evaluate(buyer: lookalike, resolutions: [Resolve(held, Gate.EndUserScreening, false)]);
        Assert.Equal(ReasonCodes.DeniedParty, Decision(denied, Gate.EndUserScreening).Reason);
    }

    [Fact]
    public void ControlledProduct_IsDeniedForExport()
    {
        var verdict = Evaluate(Order with { ProductLine = "h100" });

        Assert.Equal(OrderStatus.Rejected, verdict.Status);
        Assert.Equal(ReasonCodes.ExportDenied, Decision(verdict, Gate.ExportControl).Reason);
    }

    [Fact]
    public void LicensableProduct_WithoutLicence_AwaitsOne()
    {
        var verdict = Evaluate(licenses: []);

        Assert.Equal(ReasonCodes.AwaitingExportLicense, Decision(verdict, Gate.ExportControl).Reason);
        Assert.Null(verdict.LicenseId);
    }

    [Fact]
    public void UsedUpLicence_DoesNotCover()
    {
        var verdict = Evaluate(licenses: [License with { Remaining = 0 }]);

        Assert.Equal(ReasonCodes.AwaitingExportLicense, Decision(verdict, Gate.ExportControl).Reason);
    }

    [Fact]
    public void ExpiredLicence_Holds()
    {
        var verdict = Evaluate(licenses: [License with { Expires = new DateOnly(2026, 6, 30) }]);

        Assert.Equal(GateOutcome.Hold, Decision(verdict, Gate.ExportControl).Outcome);
        Assert.Equal(ReasonCodes.LicenseExpired, Decision(verdict, Gate.ExportControl).Reason);
    }

    [Fact]
    public void LicenceExpiringFirst_IsDrawnOnFirst()
    {
        var sooner = new LicenseStanding("lic-0", ["h200"], 10, new DateOnly(2027, 1, 31));

        Assert.Equal("lic-0", Evaluate(licenses: [License, sooner]).LicenseId);
    }

    [Fact]
    public void StateFundedDataCenter_IsBannedByTheImportingCountry()
    {
        var verdict = Evaluate(buyer: ByteDance with { Name = "Provincial Compute Center", EntityType = EntityType.StateFundedDataCenter });

        Assert.Equal(OrderStatus.Rejected, verdict.Status);
        Assert.Equal(ReasonCodes.ImportBannedBuyer, Decision(verdict, Gate.ImportApproval).Reason);
    }

    [Fact]
    public void H200ForInference_IsDeniedByTheImportingCountry()
    {
        var verdict = Evaluate(Order with { UseCase = UseCase.Inference });

        Assert.Equal(ReasonCodes.UseCaseDenied, Decision(verdict, Gate.ImportApproval).Reason);
    }

    [Fact]
    public void Destination_IsTheEndUsersCountry_WhenOneIsNamed()
    {
        // A US buyer shipping to the US for an end user in China faces China's rules and a diversion review.
        var us = ByteDance with { Name = "Cloud Inc", Country = "US" };
        var verdict = Evaluate(Order with { CustomerId = "cloud", ShipToCountry = "US", EndUser = new EndUser("Lab", "CN") }, us, licenses: []);

        Assert.Equal(ReasonCodes.AwaitingExportLicense, Decision(verdict, Gate.ExportControl).Reason);
        Assert.Equal(ReasonCodes.AwaitingImportApproval, Decision(verdict, Gate.ImportApproval).Reason);
        Assert.Equal(ReasonCodes.DiversionReview, Decision(verdict, Gate.DiversionRisk).Reason);
    }

    [Fact]
    public void ResellerWithoutEndUser_HoldsForDiversionReview()
    {
        var reseller = ByteDance with { Name = "Pacific Compute Trading", Country = "SG", EntityType = EntityType.Reseller };

        var verdict = Evaluate(Order with { ShipToCountry = "SG" }, reseller);

        Assert.Equal(ReasonCodes.DiversionReview, Decision(verdict, Gate.DiversionRisk).Reason);
        Assert.Equal(OrderStatus.OnHold, verdict.Status);
    }

    [Fact]
    public void DomesticUsOrder_IsApproved()
    {
        var us = ByteDance with { Name = "Microsoft Corporation", Aliases = [], Country = "US" };

        var verdict = Evaluate(Order with { CustomerId = "microsoft", ShipToCountry = "US" }, us, licenses: []);

        Assert.Equal(OrderStatus.Approved, verdict.Status);
        Assert.All(verdict.Decisions, d => Assert.Equal(GateOutcome.Pass, d.Outcome));
    }

    [Fact]
    public void FailBeatsHold_InTheStatus()
    {
        // Awaiting an import approval, but the product is denied for export: rejected.
        var verdict = Evaluate(Order with { ProductLine = "h100" }, licenses: []);

        Assert.Equal(OrderStatus.Rejected, verdict.Status);
        Assert.Contains(verdict.Decisions, d => d.Outcome == GateOutcome.Fail);
    }
}
