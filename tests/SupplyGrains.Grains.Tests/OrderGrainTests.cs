using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class OrderGrainTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private IOrderGrain OrderGrain(string id) => fixture.Client.GetGrain<IOrderGrain>(id);

    private static string[] Reasons(OrderView order) => [.. order.Gates.Where(g => g.Reason is not null).Select(g => g.Reason!)];

    [Fact]
    public async Task Order_FromUsBuyer_IsApproved_AndReachesTheAllocationBook()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();

        var order = await _given.Order(customer, pl, 80);

        Assert.Equal(OrderStatus.Approved, order.Status);
        Assert.Equal(80, order.Remaining);
        var book = await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter());
        Assert.Equal(order.Id, Assert.Single(book).Id);
        Assert.Equal(OrderStatus.Approved, book[0].Status);
    }

    [Fact]
    public async Task Order_ForLicensedChineseBuyer_HoldsUntilImportApprovalIsRecorded()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)], cnApprovalRequired: [pl]);
        var buyer = await _given.Customer("CN");
        await _given.License(buyer, pl, 1000);

        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.Equal([ReasonCodes.AwaitingImportApproval], Reasons(order));

        var approved = await OrderGrain(order.Id).RecordImportDecision(new ImportDecision(ImportDecisionKind.Approved, "CN-MOFCOM", "2026-0042", null), "officer");
        Assert.Equal(OrderStatus.Approved, approved.Status);
        Assert.NotNull(approved.LicenseId);
    }

    [Fact]
    public async Task Order_FromMilitaryAffiliatedBuyer_IsRejected()
    {
        var pl = await _given.ProductLine();
        var buyer = await _given.Customer("CN", EntityType.MilitaryAffiliated);

        var order = await _given.Order(buyer, pl, 8, shipTo: "CN");

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Contains(ReasonCodes.MilitaryEndUser, Reasons(order));
    }

    [Fact]
    public async Task Submit_SameRequestTwice_ReturnsTheSameOrder_ButDifferentContentConflicts()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");
        var request = new OrderRequest(customer, pl, 16, Given.Week, UseCase.Training, "US");

        var first = await OrderGrain(id).Submit(request, "tests");
        var again = await OrderGrain(id).Submit(request, "tests");

        Assert.Equal(first.SubmittedAt, again.SubmittedAt);
        await Assert.ThrowsAsync<ConflictException>(() => OrderGrain(id).Submit(request with { Quantity = 24 }, "tests"));
    }

    [Fact]
    public async Task Submit_BadInput_IsRefusedNamingTheField_AndStoresNothing()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");

        var notALot = await Assert.ThrowsAsync<DomainValidationException>(() =>
            OrderGrain(id).Submit(new OrderRequest(customer, pl, 12, Given.Week, UseCase.Training, "US"), "tests"));
        var unknownCustomer = await Assert.ThrowsAsync<DomainValidationException>(() =>
            OrderGrain(id).Submit(new OrderRequest("nobody-here", pl, 8, Given.Week, UseCase.Training, "US"), "tests"));
        var badCountry = await Assert.ThrowsAsync<DomainValidationException>(() =>
            OrderGrain(id).Submit(new OrderRequest(customer, pl, 8, Given.Week, UseCase.Training, "usa"), "tests"));

        Assert.Contains("quantity", notALot.Errors.Keys);
        Assert.Contains("customerId", unknownCustomer.Errors.Keys);
        Assert.Contains("ShipToCountry", badCountry.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => OrderGrain(id).Get());
    }

    [Fact]
    public async Task Review_ClearsADiversionHold_AndAReviewWithoutHoldIsAConflict()
    {
        var pl = await _given.ProductLine();
        var reseller = await _given.Customer("SG", EntityType.Reseller);
        var order = await _given.Order(reseller, pl, 8, shipTo: "SG");
        Assert.Equal([ReasonCodes.DiversionReview], Reasons(order));

        var cleared = await OrderGrain(order.Id).RecordReview(new ReviewDecision(ReviewDecisionKind.Clear, "end user verified"), "officer");

        Assert.Equal(OrderStatus.Approved, cleared.Status);
        await Assert.ThrowsAsync<ConflictException>(() => OrderGrain(order.Id).RecordReview(new ReviewDecision(ReviewDecisionKind.Clear, null), "officer"));
    }

    [Fact]
    public async Task TheSameReviewOrImportDecisionAgain_ChangesNothing()
    {
        var pl = await _given.ProductLine();
        var reseller = await _given.Customer("SG", EntityType.Reseller);
        var order = await _given.Order(reseller, pl, 8, shipTo: "SG");
        var review = new ReviewDecision(ReviewDecisionKind.Clear, "end user verified");
        var cleared = await OrderGrain(order.Id).RecordReview(review, "officer");

        var again = await OrderGrain(order.Id).RecordReview(review, "officer");

        Assert.Equal(cleared.Status, again.Status);
        Assert.Equal(cleared.Gates, again.Gates);
        Assert.Single(await OrderGrain(order.Id).GetAudit(), e => e.Kind == "ReviewRecorded");
        await Assert.ThrowsAsync<ConflictException>(() => OrderGrain(order.Id).RecordReview(review with { Decision = ReviewDecisionKind.Deny }, "officer"));
    }

    [Fact]
    public async Task PolicyPublication_ReDecidesOpenOrders()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        Assert.Equal([ReasonCodes.ExportDenied], Reasons(order));
        await _given.LicenseReDeciding(order, 1000);

        var publication = await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);

        Assert.NotNull(publication.ReevaluationId);
        var after = await Eventually.Until(() => OrderGrain(order.Id).Get(), o => o.Status == OrderStatus.Approved);
        Assert.Equal(publication.CurrentVersion, after.Gates[0].PolicyVersion);
        var report = await fixture.Client.GetGrain<IReevaluationGrain>(publication.ReevaluationId!).WaitForReport(TimeSpan.FromSeconds(20));
        Assert.True(report.Completed);
        Assert.Contains(report.Orders, o => o.OrderId == order.Id && o.Before == OrderStatus.Rejected && o.After == OrderStatus.Approved);
    }

    [Fact]
    public async Task AVersionsReport_ListsAnOrderItMoved_ThatALicenceReDecidedUnderItFirst()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        var licence = await _given.LicenseReDeciding(order, 1000);
        var (version, document) = await fixture.Policies.Draft([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        var publication = await fixture.Client.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(version, document, "tests");

        // A re-decision the licence started, reaching the order once the version is in force: before the version's own
        // re-evaluation does, most likely, or after it.
        var byLicence = await OrderGrain(order.Id).Reevaluate(ClusterFixture.Unique("licence"), new ReevaluationScope($"licence {licence} recorded", buyer));
        var report = await fixture.Client.GetGrain<IReevaluationGrain>(publication.ReevaluationId!).WaitForReport(TimeSpan.FromSeconds(30));
        // And whichever came first, a re-evaluation for the version reports the same move.
        var forVersion = await OrderGrain(order.Id).Reevaluate(ClusterFixture.Unique("policy"), new ReevaluationScope($"policy v{version} published", PolicyVersion: version));

        Assert.True(report.Completed);
        Assert.Equal(OrderStatus.Approved, byLicence.Impact.After);
        foreach (var impact in new[] { Assert.Single(report.Orders, o => o.OrderId == order.Id), forVersion.Impact })
        {
            Assert.Equal((OrderStatus.Rejected, OrderStatus.Approved), (impact.Before, impact.After));
            Assert.Equal([ReasonCodes.ExportDenied], impact.ReasonsBefore);
        }
    }

    [Fact]
    public async Task LicenceRecorded_ReDecidesTheCustomersOrders()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        Assert.Equal([ReasonCodes.AwaitingExportLicense], Reasons(order));

        var licence = await _given.License(buyer, pl, 500);

        var after = await Eventually.Until(() => OrderGrain(order.Id).Get(), o => o.Status == OrderStatus.Approved);
        Assert.Equal(licence, after.LicenseId);
    }

    [Fact]
    public async Task CustomerProfileChange_ReDecidesItsOrders()
    {
        var pl = await _given.ProductLine();
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 8, shipTo: "CN");
        Assert.Equal(OrderStatus.Approved, order.Status);

        var customer = fixture.Client.GetGrain<Contracts.Customers.ICustomerGrain>(buyer);
        var profile = await customer.Get();
        await customer.Define(new CustomerProfile(profile.Name, [], "CN", EntityType.MilitaryAffiliated, 1, 1m, 0), "tests");

        var after = await Eventually.Until(() => OrderGrain(order.Id).Get(), o => o.Status == OrderStatus.Rejected);
        Assert.Contains(ReasonCodes.MilitaryEndUser, Reasons(after));
    }

    [Fact]
    public async Task Audit_RecordsEveryStepInOrder()
    {
        var pl = await _given.ProductLine();
        var reseller = await _given.Customer("SG", EntityType.Reseller);
        var order = await _given.Order(reseller, pl, 8, shipTo: "SG");
        await OrderGrain(order.Id).RecordReview(new ReviewDecision(ReviewDecisionKind.Clear, "ok"), "officer-1");
        await OrderGrain(order.Id).Cancel("planner-1");

        var audit = await OrderGrain(order.Id).GetAudit();

        Assert.Equal(["Submitted", "GatesEvaluated", "ReviewRecorded", "GatesEvaluated", "Cancelled"], audit.Select(a => a.Kind));
        Assert.Equal("officer-1", audit[2].By);
        Assert.Equal("planner-1", audit[4].By);
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Audit_FollowsOneOrderThroughItsWholeLife_WithWhoAndWhen()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 64);
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)], cnApprovalRequired: [pl]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 32, shipTo: "CN");
        var grain = OrderGrain(order.Id);

        var licence = ClusterFixture.Unique("lic");
        await fixture.Client.GetGrain<ILicenseGrain>(licence).Record(new LicenseTerms(buyer, [pl], 1000, new DateOnly(2099, 1, 1), []), "officer-1");
        await Eventually.Until(() => grain.Get(), o => o.Gates.All(g => g.Reason != ReasonCodes.AwaitingExportLicense));
        await grain.RecordImportDecision(new ImportDecision(ImportDecisionKind.Approved, "CN-MOFCOM", "2032-0001", "training"), "officer-2");
        var allocation = fixture.Client.GetGrain<IAllocationGrain>(pl);
        var preview = await allocation.Run(ClusterFixture.Unique("run"),
            new AllocationRunRequest(pl, Given.Week, Given.Week, AllocationStrategy.FairShare, RunMode.Preview), "planner-1");
        await allocation.Commit(preview.Id, "planner-2");
        var publication = await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        await fixture.Client.GetGrain<IReevaluationGrain>(publication.ReevaluationId!).WaitForReport(TimeSpan.FromSeconds(30));

        var audit = await grain.GetAudit();

        Assert.Equal(
            ["Submitted", "GatesEvaluated", "GatesEvaluated", "ImportDecisionRecorded", "GatesEvaluated", "Confirmed", "GatesEvaluated", "Released"],
            audit.Select(a => a.Kind));
        Assert.Contains(ReasonCodes.AwaitingExportLicense, audit[1].Detail);
        Assert.Equal("officer-1", audit[2].By);
        Assert.Contains($"licence {licence} recorded by officer-1", audit[2].Detail);
        Assert.Equal("officer-2", audit[3].By);
        Assert.Contains("Approved", audit[4].Detail);
        Assert.Contains("EndUserScreening Pass, ExportControl Pass, ImportApproval Pass, DiversionRisk Pass", audit[4].Detail);
        Assert.Contains($"licence {licence} recorded by officer-1 at", audit[4].Detail); // who stands behind the export
        Assert.Equal("planner-2", audit[5].By);
        Assert.Contains($"32 units confirmed by run {preview.Id}", audit[5].Detail);
        Assert.Contains("run by planner-1", audit[5].Detail);
        Assert.Contains($"under policy v{publication.CurrentVersion}", audit[6].Detail);
        Assert.Contains(ReasonCodes.ExportDenied, audit[6].Detail);
        Assert.Contains("32 units", audit[7].Detail);
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Review_DeniesADiversionHold_AndTheOrderIsRejectedWithTheReason()
    {
        var pl = await _given.ProductLine();
        var reseller = await _given.Customer("SG", EntityType.Reseller);
        var order = await _given.Order(reseller, pl, 8, shipTo: "SG");
        Assert.Equal([ReasonCodes.DiversionReview], Reasons(order));

        var denied = await OrderGrain(order.Id).RecordReview(new ReviewDecision(ReviewDecisionKind.Deny, "end user unknown after KYC"), "officer-3");

        Assert.Equal(OrderStatus.Rejected, denied.Status);
        var diversion = denied.Gates.Single(g => g.Gate == Gate.DiversionRisk);
        Assert.Equal((GateOutcome.Fail, ReasonCodes.DiversionReview), (diversion.Outcome, diversion.Reason));
        Assert.Contains("officer-3", diversion.Detail);
        var audit = await OrderGrain(order.Id).GetAudit();
        Assert.Contains(audit, a => a.Kind == "ReviewRecorded" && a.By == "officer-3" && a.Detail.StartsWith("Deny", StringComparison.Ordinal));
    }
}
