using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Silo.Tests;

/// <summary>Country quotas and destination ratios through the HTTP API: applied inside the run, and bad ones refused naming the field.</summary>
[Collection(WorkflowCollection.Name)]
public class AllocationCapsTests(WorkflowFixture fixture)
{
    private readonly HttpClient _planner = fixture.As("dev-planner");

    private async Task<(string ProductLine, string De, string Us)> TwoDestinations(int unitsPerWeek)
    {
        var pl = Data.Unique("pl");
        (await _planner.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, unitsPerWeek))).EnsureSuccessStatusCode();
        var (de, us) = (Data.Unique("cu"), Data.Unique("cu"));
        (await _planner.PutJson($"/api/customers/{de}", Data.Customer("DE"))).EnsureSuccessStatusCode();
        (await _planner.PutJson($"/api/customers/{us}", Data.Customer("US"))).EnsureSuccessStatusCode();
        (await _planner.PostJson("/api/orders", Data.Order(de, pl, 160, shipToCountry: "DE"))).EnsureSuccessStatusCode();
        (await _planner.PostJson("/api/orders", Data.Order(us, pl, 160, shipToCountry: "US"))).EnsureSuccessStatusCode();
        return (pl, de, us);
    }

    private static int Got(AllocationRunView run, string customerId) =>
        run.Weeks.SelectMany(w => w.Lines).Where(l => l.CustomerId == customerId).Sum(l => l.Quantity);

    [Fact]
    public async Task DestinationRatio_HoldsTheDestinationToItsShareOfTheReference_EveryWeek()
    {
        var (pl, de, us) = await TwoDestinations(96);

        var run = await (await _planner.PostJson("/api/allocation-runs", new
        {
            productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W10", mode = "Preview",
            caps = new { destinationRatio = new[] { new { destination = "DE", relativeTo = "US", maxRatio = 0.5 } } },
        })).Read<AllocationRunView>();

        // Without the ratio each would get 48; with DE ≤ 0.5 × US: US 64, DE 32.
        Assert.Equal((64, 32), (Got(run, us), Got(run, de)));
        Assert.All(run.Weeks[0].Lines.Where(l => l.CustomerId == de), l => Assert.Equal(StopReason.DestinationRatio, l.StoppedBy));
    }

    [Fact]
    public async Task CountryQuota_CapsADestinationOverTheWholeRun()
    {
        var (pl, de, us) = await TwoDestinations(96);

        var run = await (await _planner.PostJson("/api/allocation-runs", new
        {
            productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W11", mode = "Preview",
            caps = new { countryQuota = new Dictionary<string, int> { ["DE"] = 40 } },
        })).Read<AllocationRunView>();

        Assert.Equal(40, Got(run, de));
        Assert.Equal(152, Got(run, us));
        Assert.Equal(StopReason.CountryQuota, run.Orders.Single(o => o.CustomerId == de).StoppedBy);
    }

    [Fact]
    public async Task BadCaps_AreRefusedNamingTheField()
    {
        var (pl, _, _) = await TwoDestinations(96);

        var problem = await (await _planner.PostJson("/api/allocation-runs", new
        {
            productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W10", mode = "Preview",
            caps = new { destinationRatio = new[] { new { destination = "DE", relativeTo = "DE", maxRatio = -1 } } },
        })).Problem(400);

        Assert.Contains(problem.Fields(), f => f.StartsWith("caps.destinationRatio[0]", StringComparison.Ordinal));
    }
}
