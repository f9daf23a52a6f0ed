using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Scenarios;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Silo.Health;
using SupplyGrains.Silo.Hosting;

namespace SupplyGrains.Silo.Demo;

/// <summary>
/// On an empty store, publishes the shipped policy versions and loads the demo scenario once the silo is active,
/// so that one command gives a planner the whole story. Readiness waits for it.
/// </summary>
public sealed class DemoLoader(
    IGrainFactory grains,
    SiloReadiness readiness,
    IOptions<DemoOptions> options,
    ILogger<DemoLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.SiloActive.WaitAsync(stoppingToken);
        try
        {
            if (options.Value.LoadOnEmptyStore && await StoreIsEmpty())
                await Load(options.Value, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The demo scenario could not be loaded; the service runs without it");
        }
        finally
        {
            readiness.StartupWorkDone();
        }
    }

    private async Task<bool> StoreIsEmpty() =>
        (await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetHistory()).Count == 0
        && (await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List()).Count == 0;

    private async Task Load(DemoOptions demo, CancellationToken cancellationToken)
    {
        var json = ApiJson.Create();
        var policies = new Dictionary<int, PolicyDocument>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(demo.Path, "policies"), "v*.json"))
        {
            var version = int.Parse(Path.GetFileNameWithoutExtension(file)[1..], CultureInfo.InvariantCulture);
            if (version > demo.PolicyVersionsUpTo) continue;
            await using var stream = File.OpenRead(file);
            policies[version] = await JsonSerializer.DeserializeAsync<PolicyDocument>(stream, json, cancellationToken)
                ?? throw new InvalidDataException($"{file} is empty");
        }
        var scenarioFile = Path.Combine(demo.Path, "scenarios", demo.Scenario + ".json");
        await using var scenarioStream = File.OpenRead(scenarioFile);
        var scenario = await JsonSerializer.DeserializeAsync<ScenarioDocument>(scenarioStream, json, cancellationToken)
            ?? throw new InvalidDataException($"{scenarioFile} is empty");

        // The shipped policy versions load with the scenario (before its orders), unless it brings its own of a version.
        foreach (var (version, document) in scenario.Policies ?? new Dictionary<int, PolicyDocument>()) policies[version] = document;
        var report = await grains.GetGrain<IScenarioGrain>(scenario.Name).Load(scenario with { Policies = policies }, "demo-loader");
        logger.LogInformation("Loaded demo scenario {Name}: {Policies} policy versions, {Orders} orders ({Statuses})",
            report.Name, report.Policies, report.Orders, string.Join(", ", report.OrdersByStatus.Select(s => $"{s.Value} {s.Key}")));
    }
}
