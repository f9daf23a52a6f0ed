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

    [Fact]
    public async Task Dashboard_LeftOut_Is404_AndItsMetricReaderDoesNotRun()
    {
        // Seen running where the dashboard is on, so its absence below means something.
        await Eventually.Until(() => Task.FromResult(ThreadNames(fixture.Silo.ProcessId)), names => names.Contains(DashboardMetricReader));
        using var data = new TemporaryDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false, ["--Dashboard:Enabled", "false"]);
        using var admin = silo.Client("dev-admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/ping")).StatusCode);
        Assert.DoesNotContain(DashboardMetricReader, ThreadNames(silo.ProcessId));
    }

    /// <summary>The dashboard's own OpenTelemetry reader thread, by the 15 characters Linux keeps of a thread's name.</summary>
    private const string DashboardMetricReader = "OpenTelemetry-P";

    private static HashSet<string> ThreadNames(int processId) =>
        Directory.GetDirectories($"/proc/{processId}/task").Select(Name).ToHashSet(StringComparer.Ordinal);

    private static string Name(string task)
    {
        try
        {
            return File.ReadAllText($"{task}/comm").Trim();
        }
        catch (IOException)
        {
            return ""; // the thread ended after the directory was listed
        }
    }

    private HttpClient Basic(string key)
    {
        var client = fixture.As(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"someone:{key}")));
        return client;
    }
}
