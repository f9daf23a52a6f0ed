using System.Net.Http.Json;
using System.Text;

namespace SupplyGrains.Silo.Tests;

[Collection(WorkflowCollection.Name)]
public class BadInputTests(WorkflowFixture fixture)
{
    private readonly HttpClient _http = fixture.As("dev-admin");

    private async Task<(string ProductLine, string Customer)> World()
    {
        var pl = Data.Unique("pl");
        var customer = Data.Unique("cu");
        (await _http.PutJson($"/api/product-lines/{pl}", Data.ProductLine(lotSize: 8))).EnsureSuccessStatusCode();
        (await _http.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
        return (pl, customer);
    }

    [Fact]
    public async Task MalformedJson_IsA400Problem()
    {
        using var content = new StringContent("{oops", Encoding.UTF8, "application/json");

        var problem = await (await _http.PostAsync("/api/orders", content)).Problem(400);

        Assert.Contains("body", problem.Fields());
    }

    [Theory]
    [InlineData(-8, "quantity")]
    [InlineData(0, "quantity")]
    [InlineData(12, "quantity")] // not a whole lot of 8
    public async Task QuantityThatIsNotPositiveWholeLots_IsRefusedNamingQuantity(int quantity, string field)
    {
        var (pl, customer) = await World();

        var problem = await (await _http.PostJson("/api/orders", Data.Order(customer, pl, quantity))).Problem(400);

        Assert.Contains(field, problem.Fields());
    }

    [Theory]
    [InlineData("2032-W5")]
    [InlineData("2032-10")]
    [InlineData("2031-W53")]
    [InlineData("9999-W01")]
    [InlineData("next week")]
    public async Task WeekInAnyOtherFormThanYYYYWww_IsRefusedNamingTheField(string week)
    {
        var (pl, customer) = await World();

        var problem = await (await _http.PostJson("/api/orders", Data.Order(customer, pl, 8, requestedWeek: week))).Problem(400);

        Assert.Contains("requestedWeek", problem.Fields());
    }

    [Fact]
    public async Task UnknownReferences_AreRefusedNamingTheField()
    {
        var (pl, customer) = await World();

        var unknownLine = await (await _http.PostJson("/api/orders", Data.Order(customer, "no-such-line", 8))).Problem(400);
        var unknownCustomer = await (await _http.PostJson("/api/orders", Data.Order("no-such-customer", pl, 8))).Problem(400);

        Assert.Contains("productLine", unknownLine.Fields());
        Assert.Contains("customerId", unknownCustomer.Fields());
    }

    [Fact]
    public async Task MissingRequiredField_IsNamed()
    {
        var (pl, customer) = await World();

        var problem = await (await _http.PostAsJsonAsync("/api/orders", new { customerId = customer, productLine = pl, quantity = 8, useCase = "Training", shipToCountry = "US" })).Problem(400);

        Assert.Contains("requestedWeek", problem.Fields());
    }

    [Fact]
    public async Task UnknownEnumValue_IsNamed()
    {
        var (pl, customer) = await World();
        var order = new { customerId = customer, productLine = pl, quantity = 8, requestedWeek = "2032-W10", useCase = "Mining", shipToCountry = "US" };

        var problem = await (await _http.PostAsJsonAsync("/api/orders", order)).Problem(400);

        Assert.Contains("useCase", problem.Fields());
    }

    [Fact]
    public async Task InvalidIdInPath_IsRefusedNamingIt()
    {
        var problem = await (await _http.PutJson("/api/product-lines/Not_An_Id", Data.ProductLine())).Problem(400);

        Assert.Contains("id", problem.Fields());
    }

    [Theory]
    [InlineData("GET", "/api/orders/%20")]
    [InlineData("GET", "/api/orders/%20/audit")]
    [InlineData("POST", "/api/orders/%20/cancel")]
    [InlineData("GET", "/api/customers/%20")]
    [InlineData("GET", "/api/product-lines/%20")]
    [InlineData("PUT", "/api/product-lines/%20")]
    [InlineData("GET", "/api/policies/reevaluations/%20")]
    [InlineData("GET", "/api/licenses/%20")]
    [InlineData("GET", "/api/allocation-runs/%20/diff?against=run-1")]
    public async Task BlankIdInPath_IsA400NamingIt_NotAServerError(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(Data.ProductLine()) };

        var problem = await (await _http.SendAsync(request)).Problem(400);

        Assert.Contains("id", problem.Fields());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task ScenarioWithABlankName_IsA400NamingIt(string name)
    {
        var problem = await (await _http.PostJson("/api/scenarios", new { name })).Problem(400);

        Assert.Contains("name", problem.Fields());
    }

    [Fact]
    public async Task InvalidFieldsOfANestedObject_AreNamedWithTheirPath()
    {
        var pl = Data.Unique("pl");
        (await _http.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        var fab = new
        {
            name = "f", country = "TW", waferStartsPerWeek = 10,
            loads = new[] { new { productLine = pl, priority = 1, wafersPerWeek = 1, fromWeek = "2032-W10", toWeek = "2032-W09", diesPerWafer = 0,
                yieldStart = 1.5, yieldMature = 1.0, rampStartWeek = "2032-W10", rampWeeks = 1, cycleTimeWeeks = 0 } },
        };

        var problem = await (await _http.PutJson($"/api/fabs/{Data.Unique("fab")}", fab)).Problem(400);

        Assert.Contains("loads[0].toWeek", problem.Fields());
        Assert.Contains("loads[0].diesPerWafer", problem.Fields());
        Assert.Contains("loads[0].yieldStart", problem.Fields());
    }

    [Fact]
    public async Task UnknownIds_Are404Problems()
    {
        await (await _http.GetAsync("/api/orders/o-does-not-exist")).Problem(404);
        await (await _http.GetAsync("/api/product-lines/nothing-here")).Problem(404);
        await (await _http.GetAsync("/api/allocation-runs/run-nothing")).Problem(404);
        await (await _http.PostAsync("/api/orders/o-does-not-exist/cancel", null)).Problem(404);
    }

    [Fact]
    public async Task RepublishingAPolicyVersionWithOtherContent_IsAConflict()
    {
        var current = await _http.GetJson<System.Text.Json.JsonElement>("/api/policies/current");
        var version = current.GetProperty("version").GetInt32();
        var changed = new { effectiveFrom = "2020-01-01", description = "something else", export = new { rules = Array.Empty<object>(), deniedEntityTypes = Array.Empty<string>(), deniedParties = Array.Empty<object>(), fuzzyThreshold = 0.9 }, import = Array.Empty<object>() };

        await (await _http.PutJson($"/api/policies/{version}", changed)).Problem(409);
    }

    [Fact]
    public async Task DraftPolicyWithBadFields_IsRefusedNamingThem_AndAnImpactNotYetHadIsAConflict()
    {
        var draft = new
        {
            effectiveFrom = "2030-01-01", description = "draft",
            export = new { rules = Array.Empty<object>(), deniedEntityTypes = Array.Empty<string>(), deniedParties = Array.Empty<object>(), fuzzyThreshold = 1.5 },
            import = Array.Empty<object>(),
            allocation = new[] { new { productLines = new[] { "h200" }, destinationRatio = new[] { new { destination = "China", relativeTo = "US", maxRatio = 0.5 } } } },
        };

        var problem = await (await _http.PostJson("/api/policies/90/impact-preview", draft)).Problem(400);
        await (await _http.PostJson("/api/policies/0/impact-preview", draft with { })).Problem(400);

        Assert.Contains("export.fuzzyThreshold", problem.Fields());
        Assert.Contains("allocation[0].destinationRatio[0].destination", problem.Fields());
        await (await _http.GetAsync("/api/policies/90/impact")).Problem(404); // never published
        var future = new
        {
            effectiveFrom = "2099-01-01", description = "not yet",
            export = new { rules = Array.Empty<object>(), deniedEntityTypes = Array.Empty<string>(), deniedParties = Array.Empty<object>(), fuzzyThreshold = 0.9 },
            import = Array.Empty<object>(),
        };
        (await _http.PutJson("/api/policies/91", future)).EnsureSuccessStatusCode();
        var notYet = await (await _http.GetAsync("/api/policies/91/impact")).Problem(409);
        Assert.Contains("impact-preview", notYet.GetProperty("detail").GetString());
    }
}
