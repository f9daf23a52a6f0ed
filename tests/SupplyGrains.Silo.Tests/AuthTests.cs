using System.Net;

namespace SupplyGrains.Silo.Tests;

[Collection(WorkflowCollection.Name)]
public class AuthTests(WorkflowFixture fixture)
{
    [Fact]
    public async Task ApiWithoutKey_Is401_WithUnknownKey_Too()
    {
        await (await fixture.As(null).GetAsync("/api/product-lines")).Problem(401);
        await (await fixture.As("not-a-key").GetAsync("/api/product-lines")).Problem(401);
    }

    [Theory]
    [InlineData("dev-viewer", "PUT", "/api/product-lines/x-forbidden")]
    [InlineData("dev-compliance", "POST", "/api/orders")]
    [InlineData("dev-compliance", "POST", "/api/allocation-runs")]
    [InlineData("dev-planner", "PUT", "/api/policies/999")]
    [InlineData("dev-planner", "PUT", "/api/licenses/x-forbidden")]
    [InlineData("dev-planner", "POST", "/api/orders/x/import-decision")]
    [InlineData("dev-viewer", "POST", "/api/orders/x/cancel")]
    [InlineData("dev-planner", "POST", "/api/scenarios")]
    public async Task RoleWithoutTheRight_Is403(string key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

        await (await fixture.As(key).SendAsync(request)).Problem(403);
    }

    [Theory]
    [InlineData("dev-viewer")]
    [InlineData("dev-planner")]
    [InlineData("dev-compliance")]
    [InlineData("dev-admin")]
    public async Task EveryStaffRole_MayRead(string key)
    {
        var response = await fixture.As(key).GetAsync("/api/product-lines");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task OperationalEndpoints_NeedNoKey(string path)
    {
        var response = await fixture.As(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
