using System.Text.Json;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Orders;
using YamlDotNet.RepresentationModel;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// What the dashboards see, proven against a real Prometheus on the shipped ops/prometheus configuration scraping the
/// real silo after a committed run; and the dashboard's and alerts' queries checked against the silo's own scrape.
/// </summary>
public sealed class PrometheusTests(MonitoredSiloFixture fixture) : IClassFixture<MonitoredSiloFixture>
{
    /// <summary>Two scrape intervals of the shipped config and then some: Prometheus' first scrape comes at a random offset.</summary>
    private static readonly TimeSpan ScrapeDeadline = TimeSpan.FromSeconds(90);

    private const string Job = "job=\"supplygrains\"";

    [SkippableFact]
    public async Task Prometheus_ScrapingTheSiloWithTheShippedConfig_SeesWhatTheApiSays()
    {
        var prometheus = fixture.Prometheus();
        using var viewer = fixture.Silo.Client("dev-viewer");
        Assert.Equal(RunStatus.Committed, fixture.Committed.Status);

        async Task<OrderSummary[]> Orders(string status) => await viewer.GetJson<OrderSummary[]>($"/api/orders?productLine=h200&status={status}");
        async Task<IReadOnlyList<Domain.Supply.SupplyWeek>> Ledger() => (await viewer.GetJson<ProductLineView>("/api/product-lines/h200")).Supply;
        var committed = (await Ledger()).Sum(w => w.Committed);
        Assert.True(committed > 0, "the walkthrough's commit committed nothing, so the figures below would prove nothing");

        await Matches(prometheus, $"up{{{Job}}}", () => Task.FromResult(1.0));
        await Matches(prometheus, $"supplygrains_orders{{{Job}, product_line=\"h200\", status=\"Approved\"}}", async () => (await Orders("Approved")).Length);
        await Matches(prometheus, $"supplygrains_orders{{{Job}, product_line=\"h200\", status=\"OnHold\"}}", async () => (await Orders("OnHold")).Length);
        await Matches(prometheus, $"supplygrains_demand_units{{{Job}, product_line=\"h200\", status=\"Approved\"}}",
            async () => (await Orders("Approved")).Sum(o => o.Quantity));
        await Matches(prometheus, $"supplygrains_committed_units{{{Job}, product_line=\"h200\"}}", async () => (await Ledger()).Sum(w => w.Committed));
        await Matches(prometheus, $"supplygrains_supply_units{{{Job}, product_line=\"h200\"}}", async () => (await Ledger()).Sum(w => w.Produced));
        await Matches(prometheus, $"supplygrains_overcommitments{{{Job}, product_line=\"h200\"}}", async () => (await Ledger()).Count(w => w.OverCommitted));
        await Matches(prometheus, $"supplygrains_fill_ratio{{{Job}, product_line=\"h200\"}}",
            async () => (double)(await Ledger()).Sum(w => w.Committed) / (await Orders("Approved")).Sum(o => o.Quantity), tolerance: 1e-9);

        // This silo ran one preview and committed it; the histogram counted both.
        await Matches(prometheus, $"sum(supplygrains_allocation_runs_total{{{Job}, product_line=\"h200\", mode=\"Preview\", result=\"previewed\"}})", () => Task.FromResult(1.0));
        await Matches(prometheus, $"sum(supplygrains_allocation_runs_total{{{Job}, product_line=\"h200\", mode=\"Commit\", result=\"committed\"}})", () => Task.FromResult(1.0));
        await Matches(prometheus, $"sum(supplygrains_allocation_run_duration_seconds_count{{{Job}, product_line=\"h200\"}})", () => Task.FromResult(2.0));

        // Every gate failure that rejected an order was counted under its gate and reason code.
        var failures = new HashSet<string>();
        foreach (var order in await Orders("Rejected"))
        {
            var gates = (await viewer.GetJson<JsonElement>($"/api/orders/{order.Id}")).GetProperty("gates").EnumerateArray();
            failures.UnionWith(gates.Where(g => g.GetProperty("outcome").GetString() == "Fail")
                .Select(g => $"{g.GetProperty("gate").GetString()}/{g.GetProperty("reason").GetString()}"));
        }
        Assert.NotEmpty(failures);
        var counted = await Eventually.Until(
            async () => string.Join(", ", (await prometheus.Query($"sum by (gate, reason) (supplygrains_gate_decisions_total{{{Job}, outcome=\"Fail\"}}) >= 1"))
                .Select(s => $"{s.Labels["gate"]}/{s.Labels["reason"]}").Order()),
            seen => failures.All(f => seen.Split(", ").Contains(f)), ScrapeDeadline);
        Assert.Superset(failures, counted.Split(", ").ToHashSet());
    }

    [SkippableFact]
    public async Task Prometheus_LoadsTheShippedAlertRules_AndAHealthySiloFiresNone()
    {
        var prometheus = fixture.Prometheus();
        var shipped = Alerts().Select(a => a.Name).Order().ToList();

        var rules = await Eventually.Until(async () => (await prometheus.Api("/api/v1/rules")).GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("rules").EnumerateArray())
                .Select(r => (Name: r.GetProperty("name").GetString()!, Health: r.GetProperty("health").GetString()!)).ToList(),
            loaded => loaded.Count > 0 && loaded.All(r => r.Health != "unknown"), ScrapeDeadline);

        Assert.Equal(shipped, rules.Select(r => r.Name).Order().ToList());
        Assert.All(rules, r => Assert.Equal("ok", r.Health));
        // Before the first scrape SupplyGrainsNoSiloUp may be pending; once the silo is up nothing is pending or firing.
        var active = await Eventually.Until(
            async () => (await prometheus.Api("/api/v1/alerts")).GetProperty("alerts").EnumerateArray()
                .Select(a => $"{a.GetProperty("labels").GetProperty("alertname").GetString()} ({a.GetProperty("state").GetString()})").ToList(),
            alerts => alerts.Count == 0, ScrapeDeadline);
        Assert.Empty(active);
    }

    [SkippableFact]
    public async Task DashboardPanels_EachQueryReturnsSeries_FromPrometheusScrapingTheSilo()
    {
        var prometheus = fixture.Prometheus();
        var queries = Dashboard.Targets().Select(t => (t.Panel, Expr: Dashboard.AsGrafanaSendsIt(t.Expr))).ToList();
        Assert.NotEmpty(queries);

        // Rates need two scrapes in their window: wait until every panel has data, then name the ones that never did.
        List<string> empty = [];
        try
        {
            await Eventually.Until(async () =>
            {
                empty = [];
                foreach (var (panel, expr) in queries)
                    if ((await prometheus.Query(expr)).Count == 0) empty.Add($"{panel}: {expr}");
                return empty.Count;
            }, count => count == 0, ScrapeDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"These panels show no data:\n{string.Join('\n', empty)}");
        }
    }

    [SkippableFact]
    public async Task Promtool_CheckMetrics_PassesOnTheWholeScrape()
    {
        MonitoringTools.Require("promtool");
        var scrape = await fixture.Scrape();

        var check = await MonitoringTools.Run("promtool", ["check", "metrics"], scrape.Text());
        Assert.True(check.ExitCode == 0, check.ToString());
        // The whole scrape: ours, ASP.NET Core's, the runtime's and Orleans' (in seconds and bytes, each with its help text).
        Assert.Contains(scrape.Families.Values, f => f.Scope == "SupplyGrains");
        Assert.Contains(scrape.Families.Values, f => f.Scope == "Microsoft.AspNetCore.Hosting");
        Assert.Contains(scrape.Families.Values, f => f.Scope == "System.Runtime");
        Assert.Equal("histogram", scrape.Families["orleans_app_requests_latency_seconds"].Type);
        Assert.DoesNotContain(scrape.Families.Values, f => f.Lines.Any(line => line.Contains("gives it no description", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DashboardAndAlerts_QueryOnlySeriesTheSiloExports()
    {
        var scrape = await fixture.Scrape();
        // Prometheus adds these to every scrape of a target.
        var exported = scrape.SampleNames.Concat(scrape.Families.Keys)
            .Concat(["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"])
            .ToHashSet(StringComparer.Ordinal);

        var queried = Dashboard.Targets().Select(t => (Where: $"dashboard panel '{t.Panel}'", Names: PromQl.MetricNames(t.Expr)))
            .Concat(Dashboard.VariableQueries().Select(v => (Where: $"dashboard variable '{v.Name}'", Names: PromQl.VariableQueryMetricNames(v.Query))))
            .Concat(Alerts().Select(a => (Where: $"alert {a.Name}", Names: PromQl.MetricNames(a.Expr))))
            .ToList();
        Assert.All(queried, q => Assert.NotEmpty(q.Names));

        var missing = queried.SelectMany(q => q.Names.Where(n => !exported.Contains(n)).Select(n => $"{q.Where}: {n}")).ToList();
        Assert.True(missing.Count == 0, $"Not in the silo's scrape:\n{string.Join('\n', missing)}");
        // The dashboard shows the contract's series, Orleans' own and ASP.NET Core's.
        var used = queried.SelectMany(q => q.Names).ToHashSet();
        Assert.Contains(used, n => n.StartsWith("supplygrains_", StringComparison.Ordinal));
        Assert.Contains(used, n => n.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(used, n => n.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
    }

    /// <summary>Waits until <paramref name="promql"/> (one series) has the value the API gives, re-read each time.</summary>
    private static async Task Matches(PrometheusServer prometheus, string promql, Func<Task<double>> expected, double tolerance = 0)
    {
        try
        {
            await Eventually.Until(async () => (Prometheus: await prometheus.Value(promql), Api: await expected()),
                seen => seen.Prometheus is { } value && Math.Abs(value - seen.Api) <= tolerance, ScrapeDeadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{promql}: {e.Message}\n{prometheus.RecentOutput}", e);
        }
    }

    /// <summary>The rules of ops/prometheus/alerts.yml.</summary>
    internal static IEnumerable<(string Name, string Expr, YamlMappingNode Rule)> Alerts() =>
        from alertGroup in (YamlSequenceNode)Yaml.Load(Repo.Ops("prometheus/alerts.yml"))["groups"]
        from rule in ((YamlSequenceNode)((YamlMappingNode)alertGroup)["rules"]).Cast<YamlMappingNode>()
        select (Yaml.Scalar(rule, "alert"), Yaml.Scalar(rule, "expr"), rule);
}

/// <summary>ops/grafana/dashboards/supplygrains.json: its panels' queries and its variables'.</summary>
internal static class Dashboard
{
    public static JsonElement Load() => JsonDocument.Parse(File.ReadAllText(Repo.Ops("grafana/dashboards/supplygrains.json"))).RootElement.Clone();

    /// <summary>Every panel's targets, nested rows included.</summary>
    public static IEnumerable<(string Panel, string Expr)> Targets() =>
        from panel in Panels(Load())
        where panel.TryGetProperty("targets", out _)
        from target in panel.GetProperty("targets").EnumerateArray()
        select (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray().SelectMany(p =>
            p.TryGetProperty("panels", out var nested) ? [p, .. nested.EnumerateArray()] : new[] { p });

    public static IEnumerable<(string Name, string Query)> VariableQueries() =>
        from variable in Load().GetProperty("templating").GetProperty("list").EnumerateArray()
        where variable.GetProperty("type").GetString() == "query"
        let query = variable.GetProperty("query")
        select (variable.GetProperty("name").GetString()!,
            query.ValueKind == JsonValueKind.String ? query.GetString()! : query.GetProperty("query").GetString()!);

    /// <summary>
    /// A panel's expression with Grafana's variables as it fills them in with the provisioned data source
    /// (scrape interval 15 s) and every product line selected.
    /// </summary>
    public static string AsGrafanaSendsIt(string expr) => expr
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "15s", StringComparison.Ordinal)
        .Replace("$__range", "1h", StringComparison.Ordinal)
        .Replace("${product_line}", ".*", StringComparison.Ordinal)
        .Replace("$product_line", ".*", StringComparison.Ordinal);
}

/// <summary>YAML files read as YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    public static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;
}
