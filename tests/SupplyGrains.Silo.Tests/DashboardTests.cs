using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SupplyGrains.Silo.Tests;

/// <summary>Orleans' dashboard at /dashboard: administrators only, by header or, for a browser, by HTTP Basic.</summary>
[Collection(WorkflowCollection.Name)]
public sealed class DashboardTests(WorkflowFixture fixture)
{
    [Fact]
    public async Task Dashboard_AsksABrowserForTheKey_AndRefusesEveryoneButAdministrators()
    {
        using var anonymous = await fixture.As(null).GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.As("dev-viewer").GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.As("dev-planner").GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Basic("dev-nonsense").GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_ServesItsPageAndItsData_ToAnAdministrator()
    {
        var page = await fixture.As("dev-admin").GetStringAsync("/dashboard/");
        Assert.Contains("<title>Orleans Dashboard</title>", page);

        // What the page's own scripts fetch, authenticated the way a browser does after the Basic prompt.
        using var browser = Basic("dev-admin");
        using var counters = await browser.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("totalActivationCount", await counters.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BasicAuthentication_IsForTheDashboardOnly_NotTheApi()
    {
        using var api = await Basic("dev-admin").GetAsync("/api/product-lines");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private HttpClient Basic(string key)
    {
        var client = fixture.As(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"someone:{key}")));
        return client;
    }
}
