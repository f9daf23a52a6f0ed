using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Tests;

/// <summary>Builds the world a test needs through the grain interfaces, under keys unique to the test.</summary>
public sealed class Given(IClusterClient client)
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2032-W10");

    public async Task<string> ProductLine(int lotSize = 8)
    {
        var id = ClusterFixture.Unique("pl");
        await client.GetGrain<IProductLineGrain>(id).Define(new ProductLineDefinition(id.ToUpperInvariant(), "Test", LifecycleStage.Ramp, 15832, lotSize));
        return id;
    }

    /// <summary>A fab that gives <paramref name="productLine"/> exactly <paramref name="unitsPerWeek"/> units a week from <see cref="Week"/> on.</summary>
    public async Task<string> Supply(string productLine, int unitsPerWeek, int weeks = 4, string? fabId = null)
    {
        var id = fabId ?? ClusterFixture.Unique("fab");
        var load = new ProductLoad(productLine, 1, unitsPerWeek, Week, Week.AddWeeks(weeks - 1), 1, 1m, 1m, Week, 0, 0);
        await client.GetGrain<IFabGrain>(id).Define(new FabDefinition("Test fab", "TW", 1_000_000, [load]));
        return id;
    }

    public async Task<string> Customer(string country = "US", EntityType type = EntityType.Private, int tier = 1, decimal weight = 1m, string? name = null)
    {
        var id = ClusterFixture.Unique("cu");
        await client.GetGrain<ICustomerGrain>(id).Define(new CustomerProfile(name ?? $"Customer {id}", [], country, type, tier, weight, 0), "tests");
        return id;
    }

    public async Task<string> License(string customerId, string productLine, int quantity, DateOnly? expires = null)
    {
        var id = ClusterFixture.Unique("lic");
        await client.GetGrain<ILicenseGrain>(id).Record(
            new LicenseTerms(customerId, [productLine], quantity, expires ?? new DateOnly(2099, 1, 1), []), "tests");
        return id;
    }

    /// <summary>
    /// Records a licence for the buyer of <paramref name="openOrder"/> and waits until the re-decision of the buyer's open
    /// orders that a new licence starts in the background is complete: left running, it could reach the order later,
    /// under whatever the test does next (a publication), and take that change from the test's report or audit.
    /// </summary>
    public async Task<string> LicenseReDeciding(OrderView openOrder, int quantity, DateOnly? expires = null)
    {
        var licence = await License(openOrder.CustomerId, openOrder.ProductLine, quantity, expires);
        await ReDecided(openOrder.CustomerId);
        return licence;
    }

    /// <summary>The report of the customer's latest re-evaluation (the one its view names), once it is complete.</summary>
    public async Task<ReevaluationReport> ReDecided(string customerId)
    {
        var id = (await client.GetGrain<ICustomerGrain>(customerId).Get()).Reevaluation
            ?? throw new InvalidOperationException($"customer {customerId} names no re-evaluation");
        var report = await client.GetGrain<IReevaluationGrain>(id).WaitForReport(TimeSpan.FromSeconds(30));
        return report.Completed ? report : throw new TimeoutException($"re-evaluation {id} not complete in 30 s: {report.Done} of {report.Total}");
    }

    public async Task<OrderView> Order(string customerId, string productLine, int quantity, string shipTo = "US",
        UseCase useCase = UseCase.Training, EndUser? endUser = null, IsoWeek? week = null, ConfirmationClass? confirmationClass = null)
    {
        var id = ClusterFixture.Unique("o");
        return await client.GetGrain<IOrderGrain>(id).Submit(
            new OrderRequest(customerId, productLine, quantity, week ?? Week, useCase, shipTo, endUser, confirmationClass), "tests");
    }
}
