using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace SupplyGrains.Silo.Tests;

/// <summary>ops/prometheus and ops/grafana as promtool and the Kubernetes manifests see them; no silo needed.</summary>
public sealed class MonitoringConfigTests
{
    [SkippableFact]
    public async Task PromtoolCheckConfig_AcceptsTheShippedConfig_AndTheRuleFileItNames()
    {
        var check = await MonitoringTools.Run("promtool", ["check", "config", Repo.Ops("prometheus/prometheus.yml")]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("SUCCESS: 1 rule files found", check.Output);
    }

    [SkippableFact]
    public async Task PromtoolCheckRules_AcceptsTheAlertRules_WithEveryLint()
    {
        var check = await MonitoringTools.Run("promtool", ["check", "rules", "--lint=all", "--lint-fatal", Repo.Ops("prometheus/alerts.yml")]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains($"SUCCESS: {PrometheusTests.Alerts().Count()} rules found", check.Output);
    }

    [SkippableFact]
    public async Task PromtoolTestRules_EveryAlertFiresOnItsCondition_AndStaysQuietOnTheNormalCase()
    {
        var tests = Yaml.Load(Repo.Ops("prometheus/alerts.test.yml"));
        var expectations = ((YamlSequenceNode)tests["tests"]).Cast<YamlMappingNode>()
            .SelectMany(t => ((YamlSequenceNode)t["alert_rule_test"]).Cast<YamlMappingNode>())
            .Select(a => (Alert: Yaml.Scalar(a, "alertname"), Fires: ((YamlSequenceNode)a["exp_alerts"]).Children.Count > 0))
            .ToList();
        foreach (var (name, _, _) in PrometheusTests.Alerts())
            Assert.True(expectations.Contains((name, true)), $"alerts.test.yml never shows {name} firing");

        var run = await MonitoringTools.Run("promtool", ["test", "rules", "alerts.test.yml"], workingDirectory: Repo.Ops("prometheus"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SUCCESS", run.Output);
    }

    [Fact]
    public void AlertRules_EachWaitBeforeFiring_AndSaySeverityAndWhatToDo()
    {
        foreach (var (name, _, rule) in PrometheusTests.Alerts())
        {
            Assert.True(rule.Children.ContainsKey("for"), $"{name} has no for:");
            Assert.Contains(Yaml.Scalar(rule, "labels", "severity"), new[] { "critical", "warning" });
            Assert.NotEmpty(Yaml.Scalar(rule, "annotations", "summary"));
            Assert.NotEmpty(Yaml.Scalar(rule, "annotations", "description"));
        }
    }

    [Fact]
    public void KubernetesScrapeConfig_IsTheSameJob_FindingTheSiloPodsByTheirLabelsAndAnnotations()
    {
        var local = Yaml.Load(Repo.Ops("prometheus/prometheus.yml"));
        var kubernetes = Yaml.Load(Repo.Ops("prometheus/kubernetes.yml"));
        var pod = SiloPodTemplate();

        // The same job, rules and intervals as the config the tests run: alerts and dashboard select job="supplygrains".
        Assert.Equal(Job(local)["job_name"].ToString(), Job(kubernetes)["job_name"].ToString());
        Assert.Equal(Yaml.Node(local, "rule_files").ToString(), Yaml.Node(kubernetes, "rule_files").ToString());
        Assert.Equal(Yaml.Node(local, "global").ToString(), Yaml.Node(kubernetes, "global").ToString());

        // Pods are selected by the Deployment's pod labels ...
        var selector = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Job(kubernetes)["kubernetes_sd_configs"])[0])["selectors"])[0];
        var podLabels = ((YamlMappingNode)Yaml.Node(pod, "metadata", "labels")).Children.Select(l => $"{l.Key}={l.Value}").Order();
        Assert.Equal("pod", Yaml.Scalar(selector, "role"));
        Assert.Equal(podLabels, Yaml.Scalar(selector, "label").Split(',').Order());

        // ... and scraped as the annotations ops/k8s/silo.yaml sets say: each annotation is read by a relabel rule.
        var annotations = ((YamlMappingNode)Yaml.Node(pod, "metadata", "annotations")).Children
            .ToDictionary(a => a.Key.ToString(), a => a.Value.ToString());
        var relabelSources = ((YamlSequenceNode)Job(kubernetes)["relabel_configs"]).Cast<YamlMappingNode>()
            .SelectMany(r => ((YamlSequenceNode)r["source_labels"]).Select(s => s.ToString())).ToHashSet();
        foreach (var annotation in new[] { "prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path" })
        {
            Assert.True(annotations.ContainsKey(annotation), $"ops/k8s/silo.yaml does not set {annotation}");
            Assert.Contains("__meta_kubernetes_pod_annotation_" + annotation.Replace('.', '_').Replace('/', '_'), relabelSources);
        }
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        var http = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Yaml.Node(pod, "spec", "containers"))[0])["ports"])
            .Cast<YamlMappingNode>().Single(p => Yaml.Scalar(p, "name") == "http");
        Assert.Equal(Yaml.Scalar(http, "containerPort"), annotations["prometheus.io/port"]);
    }

    [Fact]
    public void GrafanaProvisioning_LoadsTheDashboard_OnThePrometheusDataSource()
    {
        var datasource = (YamlMappingNode)((YamlSequenceNode)Yaml.Load(Repo.Ops("grafana/provisioning/datasources/supplygrains.yml"))["datasources"])[0];
        var provider = (YamlMappingNode)((YamlSequenceNode)Yaml.Load(Repo.Ops("grafana/provisioning/dashboards/supplygrains.yml"))["providers"])[0];
        var dashboard = Dashboard.Load();

        Assert.Equal("prometheus", Yaml.Scalar(datasource, "type"));
        Assert.Equal("file", Yaml.Scalar(provider, "type"));
        Assert.Equal(("supplygrains", "SupplyGrains"), (dashboard.GetProperty("uid").GetString(), dashboard.GetProperty("title").GetString()));
        // Every panel asks the data source chosen in the dashboard's variable, which lists Prometheus data sources: the
        // provisioned one by default, any other when the JSON is imported by hand.
        var variable = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal(("datasource", "prometheus"), (variable.GetProperty("type").GetString(), variable.GetProperty("query").GetString()));
        var panels = Dashboard.Panels(dashboard).Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets.Select(t => t.GetProperty("datasource")).Append(panel.GetProperty("datasource")),
                ds => Assert.Equal(("prometheus", "${datasource}"), (ds.GetProperty("type").GetString(), ds.GetProperty("uid").GetString())));
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
        }
        // Panels do not overlap on Grafana's 24-column grid.
        var cells = panels.SelectMany(p => Cells(p.GetProperty("gridPos"))).ToList();
        Assert.Equal(cells.Count, cells.Distinct().Count());
    }

    [Theory]
    [InlineData("up{job=\"supplygrains\"} == 0", "up")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{x=~\"$product_line\"}[$__rate_interval])))", "a_seconds_bucket")]
    [InlineData("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > 1e3", "a_sum a_count")]
    [InlineData("max by (product_line) (x) > 0 and on (product_line) y offset 10m or z * 0", "x y z")]
    [InlineData("absent(up{job=\"s\"} == 1)", "up")]
    [InlineData("label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\") * ignoring (a) group_left (b) n", "m n")]
    [InlineData("sum without (instance) (rate(c_total[1h:5m])) > bool 2", "c_total")]
    [InlineData("topk(5, sum by (gate, reason) (increase(d_total{outcome!=\"Pass\"}[${__range}])))", "d_total")]
    public void PromQl_MetricNames_AreTheSelectors_NotFunctionsLabelsOrVariables(string expression, string names)
    {
        Assert.Equal(names.Split(' ').Order(), PromQl.MetricNames(expression).Order());
    }

    [Fact]
    public void PromQl_MetricNames_RefusesAnUnknownFunction()
    {
        Assert.Throws<FormatException>(() => PromQl.MetricNames("rates(x[5m])"));
        Assert.Equal(["supplygrains_supply_units"], PromQl.VariableQueryMetricNames("label_values(supplygrains_supply_units{job=\"supplygrains\"}, product_line)"));
        Assert.Empty(PromQl.VariableQueryMetricNames("label_values(product_line)"));
    }

    private static YamlMappingNode Job(YamlMappingNode config) =>
        ((YamlSequenceNode)config["scrape_configs"]).Cast<YamlMappingNode>().Single();

    private static YamlMappingNode SiloPodTemplate()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Repo.Ops("k8s/silo.yaml"))) stream.Load(reader);
        var deployment = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => Yaml.Scalar(d, "kind") == "Deployment");
        return (YamlMappingNode)Yaml.Node(deployment, "spec", "template");
    }

    private static IEnumerable<(int X, int Y)> Cells(JsonElement grid)
    {
        int Get(string name) => grid.GetProperty(name).GetInt32();
        for (var x = Get("x"); x < Get("x") + Get("w"); x++)
            for (var y = Get("y"); y < Get("y") + Get("h"); y++)
                yield return (x, y);
    }
}
