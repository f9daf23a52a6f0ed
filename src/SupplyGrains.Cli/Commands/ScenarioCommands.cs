using System.CommandLine;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Rendering;
using SupplyGrains.Contracts.Scenarios;

namespace SupplyGrains.Cli.Commands;

/// <summary><c>supplygrains scenario load FILE</c>: a whole situation as data, loaded in one call (like <c>POST /api/scenarios</c>).</summary>
public static class ScenarioCommands
{
    public static Command Create(CommandBinder binder)
    {
        var file = new Argument<FileInfo>("file") { Description = "A scenario document in the format of ops/scenarios/*.json" };
        var load = new Command("load", "Load a scenario: policies, product lines, fabs, customers, licences, orders and decisions. Loading it again changes nothing.") { file };
        binder.Bind(load, async (context, cancellationToken) =>
        {
            var document = CliJson.Read<ScenarioDocument>(context.Value(file));
            var grains = await context.Grains(cancellationToken);
            var report = await grains.GetGrain<IScenarioGrain>(document.Name).Load(document, context.By);
            if (context.Json) CliJson.Write(context.Out, report);
            else context.Out.Write(ScenarioView.Report(report));
            return ExitCode.Ok;
        });
        return new Command("scenario", "Scenario documents") { load };
    }
}
