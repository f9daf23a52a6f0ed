using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// A licence or profile change re-decides the customer's open orders in the background; the answer to the change and the
/// customer's view name that re-evaluation, so whoever made the change can follow it to its report instead of polling
/// the orders.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CustomerReevaluationTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private ICustomerGrain Customer(string id) => fixture.Client.GetGrain<ICustomerGrain>(id);

    private ILicenseGrain License(string id) => fixture.Client.GetGrain<ILicenseGrain>(id);

    [Fact]
    public async Task ALicenceRecorded_NamesItsReevaluation_AsTheCustomerDoes_WhoseReportHasTheOrdersItMoved()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        var buyer = await _given.Customer("CN");
        Assert.Null((await Customer(buyer).Get()).Reevaluation); // nothing has changed since it was defined
        var held = await _given.Order(buyer, pl, 16, shipTo: "CN");
        Assert.Equal((OrderStatus.OnHold, ReasonCodes.AwaitingExportLicense), (held.Status, Assert.Single(held.Gates, g => g.Reason is not null).Reason));

        var licence = ClusterFixture.Unique("lic");
        var terms = new LicenseTerms(buyer, [pl], 100, new DateOnly(2099, 1, 1), []);
        var recorded = await License(licence).Record(terms, "officer-3");
        var report = await _given.ReDecided(buyer);

        Assert.Equal((recorded.Reevaluation, (await License(licence).Get()).Reevaluation), (report.Id, report.Id));
        Assert.Equal((await Customer(buyer).Get()).Reevaluation, report.Id);
        Assert.Contains($"licence {licence} recorded by officer-3", report.Trigger);
        Assert.Equal((1, 1, 1), (report.Total, report.Done, report.Changed));
        var moved = Assert.Single(report.Orders);
        Assert.Equal((held.Id, OrderStatus.OnHold, OrderStatus.Approved), (moved.OrderId, moved.Before, moved.After));
        // Complete means the order is decided: no waiting on the order itself.
        Assert.Equal(OrderStatus.Approved, (await fixture.Client.GetGrain<IOrderGrain>(held.Id).Get()).Status);

        // Recorded again with new conditions only: nothing the gates read changed, so no order is decided again.
        var amended = await License(licence).Record(terms with { Conditions = ["no military end use"] }, "officer-3");
        Assert.Equal((null, null), (amended.Reevaluation, (await License(licence).Get()).Reevaluation));
        Assert.Equal(report.Id, (await Customer(buyer).Get()).Reevaluation);
    }

    [Fact]
    public async Task AProfileChange_NamesItsOwnReevaluation_AndAnUnchangedProfileStartsNone()
    {
        var pl = await _given.ProductLine();
        var buyer = await _given.Customer("US");
        await _given.Order(buyer, pl, 8);
        var profile = new CustomerProfile($"Customer {buyer}", [], "US", EntityType.Private, 1, 1m, 0);
        Assert.Null((await Customer(buyer).Define(profile, "tests")).Reevaluation); // the same profile again: no change

        var changed = await Customer(buyer).Define(profile with { Tier = 2 }, "officer-7");

        Assert.NotNull(changed.Reevaluation);
        var report = await _given.ReDecided(buyer);
        Assert.Equal(changed.Reevaluation, report.Id);
        Assert.Contains($"customer {buyer} changed by officer-7", report.Trigger);
        Assert.Equal((1, 1), (report.Total, report.Done));
        Assert.Equal(changed.Reevaluation, (await Customer(buyer).Define(profile with { Tier = 2 }, "officer-7")).Reevaluation);
    }
}
