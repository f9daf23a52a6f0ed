using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Tests;

/// <summary>A policy's allocation condition binds every run of its product lines; a planner may tighten it, never loosen it.</summary>
[Collection(ClusterCollection.Name)]
public class PolicyConditionTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private static AllocationRunRequest Preview(string pl, AllocationCaps? caps = null) =>
        new(pl, Given.Week, Given.Week, AllocationStrategy.FairShare, RunMode.Preview, caps);

    /// <summary>64 units a week; one US and two CN customers (one shipping to MO), all wanting more than all of it.</summary>
    private async Task<(string Pl, string Us)> Book()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 64);
        await fixture.Policies.Publish(allocation:
            [new AllocationCondition([pl], [new DestinationRatio("CN", "US", 0.5m, ["MO"])], "CN + MO at most half of the US")]);
        var us = await _given.Customer("US");
        await _given.Order(us, pl, 64);
        await _given.Order(await _given.Customer("CN"), pl, 64, shipTo: "CN");
        var macau = await _given.Customer("MO");
        await _given.Order(macau, pl, 64, shipTo: "MO");
        return (pl, us);
    }

    [Fact]
    public async Task PolicyCondition_BindsARunThatAsksForNoCaps()
    {
        var (pl, us) = await Book();

        var run = await fixture.Client.GetGrain<IAllocationGrain>(pl).Run(ClusterFixture.Unique("run"), Preview(pl), "planner");

        // Equal weights would give each customer a third; the pair CN + MO may have only half of what the US gets.
        var usUnits = run.Weeks[0].Lines.Where(l => l.CustomerId == us).Sum(l => l.Quantity);
        var china = run.Weeks[0].Lines.Where(l => l.CustomerId != us).Sum(l => l.Quantity);
        Assert.True(china <= 0.5m * usUnits, $"CN + MO {china} > 0.5 × US {usUnits}");
        Assert.Equal(64, usUnits + china);
        Assert.True(usUnits >= 40, $"US {usUnits}: without the ratio each customer would get about a third"); // the US takes what the ratio holds back
        var ratio = Assert.Single(run.Caps.DestinationRatio!);
        Assert.Equal(["MO"], ratio.Together);
    }

    [Fact]
    public async Task Planner_MayTightenThePolicysRatio_ButNotLoosenIt()
    {
        var (pl, us) = await Book();
        var allocation = fixture.Client.GetGrain<IAllocationGrain>(pl);

        var tighter = await allocation.Run(ClusterFixture.Unique("run"),
            Preview(pl, new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.25m, ["MO"])])), "planner");
        var looser = await Assert.ThrowsAsync<DomainValidationException>(() => allocation.Run(ClusterFixture.Unique("run"),
            Preview(pl, new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.9m, ["MO"])])), "planner"));
        var withoutMacau = await Assert.ThrowsAsync<DomainValidationException>(() => allocation.Run(ClusterFixture.Unique("run"),
            Preview(pl, new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.25m)])), "planner"));

        Assert.Equal(0.25m, Assert.Single(tighter.Caps.DestinationRatio!).MaxRatio);
        var usUnits = tighter.Weeks[0].Lines.Where(l => l.CustomerId == us).Sum(l => l.Quantity);
        Assert.True(tighter.Weeks[0].Lines.Where(l => l.CustomerId != us).Sum(l => l.Quantity) <= 0.25m * usUnits);
        Assert.Contains("caps.destinationRatio[0]", looser.Errors.Keys);
        Assert.Contains("caps.destinationRatio[0]", withoutMacau.Errors.Keys);
    }
}
