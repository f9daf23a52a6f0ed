namespace SupplyGrains.Silo.Tests;

/// <summary>Request bodies as a client writes them (anonymous objects, so the tests speak the wire contract, not our types).</summary>
public static class Data
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static object ProductLine(int lotSize = 8) => new { name = "Test line", family = "Test", stage = "Ramp", tpp = 15832, lotSize };

    /// <summary>A fab giving <paramref name="productLine"/> <paramref name="units"/> units a week over 2032-W10..W13.</summary>
    public static object Fab(string productLine, int units) => new
    {
        name = "Test fab",
        country = "TW",
        waferStartsPerWeek = 100_000,
        loads = new[]
        {
            new
            {
                productLine, priority = 1, wafersPerWeek = units, fromWeek = "2032-W10", toWeek = "2032-W13", diesPerWafer = 1,
                yieldStart = 1.0, yieldMature = 1.0, rampStartWeek = "2032-W10", rampWeeks = 1, cycleTimeWeeks = 0,
            },
        },
    };

    public static object Customer(string country = "US", string entityType = "Private", int tier = 1, double weight = 1.0) =>
        new { name = Unique("Customer"), aliases = Array.Empty<string>(), country, entityType, tier, weight, pastPurchases = 0 };

    public static object Order(string customerId, string productLine, int quantity, string shipToCountry = "US",
        string requestedWeek = "2032-W10", string useCase = "Training") =>
        new { customerId, productLine, quantity, requestedWeek, useCase, shipToCountry };

    /// <summary>
    /// A fab of 100 wafer starts a week over 2032-W10..W13 (1 die, yield 1, no cycle time): <c>high</c> (priority 1)
    /// wants 60 and gets 60, <c>low</c> (priority 2) wants 60 and gets the 40 left.
    /// </summary>
    public static async Task<(string Fab, string High, string Low)> TwoLineFab(HttpClient planner)
    {
        var high = Unique("pl");
        var low = Unique("pl");
        var fab = Unique("fab");
        (await planner.PutJson($"/api/product-lines/{high}", ProductLine())).EnsureSuccessStatusCode();
        (await planner.PutJson($"/api/product-lines/{low}", ProductLine())).EnsureSuccessStatusCode();
        object Load(string productLine, int priority) => new
        {
            productLine, priority, wafersPerWeek = 60, fromWeek = "2032-W10", toWeek = "2032-W13", diesPerWafer = 1,
            yieldStart = 1.0, yieldMature = 1.0, rampStartWeek = "2032-W10", rampWeeks = 0, cycleTimeWeeks = 0,
        };
        (await planner.PutJson($"/api/fabs/{fab}", new { name = "Test fab", country = "TW", waferStartsPerWeek = 100, loads = new[] { Load(high, 1), Load(low, 2) } }))
            .EnsureSuccessStatusCode();
        return (fab, high, low);
    }
}
