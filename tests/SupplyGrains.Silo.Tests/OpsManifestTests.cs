using System.Net;
using YamlDotNet.RepresentationModel;

namespace SupplyGrains.Silo.Tests;

/// <summary>ops/k8s and ops/compose.yaml say what the silo really does: the probes it serves, the settings it reads.</summary>
public sealed class OpsManifestTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task KubernetesProbes_AreHealthEndpointsTheSiloServes()
    {
        var container = SiloContainer();

        var probes = new[] { "startupProbe", "readinessProbe", "livenessProbe" }
            .ToDictionary(p => p, p => Scalar(container, p, "httpGet", "path"));

        Assert.Equal(["/health/startup", "/health/ready", "/health/live"], probes.Values);
        foreach (var path in probes.Values)
            Assert.Equal(HttpStatusCode.OK, (await fixture.As(null).GetAsync(path)).StatusCode);
    }

    [Fact]
    public void KubernetesSilos_AdvertiseTheirPodIP_StopGracefully_AndTwoStayUpInADisruption()
    {
        var documents = Documents(Repo.Ops("k8s/silo.yaml"));
        var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment");
        var pdb = documents.Single(d => Scalar(d, "kind") == "PodDisruptionBudget");
        var container = SiloContainer();
        var env = ((YamlSequenceNode)container.Children["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));

        Assert.Equal("status.podIP", Scalar(env["Orleans__AdvertisedIP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("Postgres", Scalar(env["Storage__Provider"], "value"));
        Assert.True(int.Parse(Scalar(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds")) >= 30);
        Assert.Equal("2", Scalar(pdb, "spec", "minAvailable"));
        Assert.Equal(Scalar(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/component"),
            Scalar(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/component"));
    }

    [Fact]
    public void ComposeSilos_AdvertiseDistinctAddresses_OnTheirOwnNetworkAddresses()
    {
        var services = (YamlMappingNode)Documents(Repo.Ops("compose.yaml")).Single().Children["services"];
        var silos = services.Children.Where(s => ((YamlScalarNode)s.Key).Value!.StartsWith("silo", StringComparison.Ordinal))
            .Select(s => (YamlMappingNode)s.Value).ToList();

        Assert.Equal(3, silos.Count);
        foreach (var silo in silos)
            Assert.Equal(Scalar(silo, "environment", "Orleans__AdvertisedIP"), Scalar(silo, "networks", "cluster", "ipv4_address"));
        Assert.Equal(3, silos.Select(s => Scalar(s, "environment", "Orleans__AdvertisedIP")).Distinct().Count());
    }

    private static YamlMappingNode SiloContainer()
    {
        var deployment = Documents(Repo.Ops("k8s/silo.yaml")).Single(d => Scalar(d, "kind") == "Deployment");
        var containers = (YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers");
        return (YamlMappingNode)containers.Single();
    }

    private static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        // Merge keys (<<: *silo) are resolved by hand: YamlDotNet's representation model keeps them as written.
        return [.. stream.Documents.Select(d => Merged((YamlMappingNode)d.RootNode))];
    }

    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var result = new YamlMappingNode();
        foreach (var (key, value) in node.Children.Where(c => ((YamlScalarNode)c.Key).Value == "<<"))
            foreach (var inherited in Merged((YamlMappingNode)value).Children)
                result.Children[inherited.Key] = inherited.Value;
        foreach (var (key, value) in node.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<"))
            result.Children[key] = value is YamlMappingNode mapping ? Merged(mapping) : value;
        return result;
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;
}
