using System.CommandLine;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Rendering;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Cli.Commands;

/// <summary><c>supplygrains run ...</c>: preview an allocation, commit it, read a run, compare two, list a product line's runs.</summary>
public static class RunCommands
{
    public static Command Create(CommandBinder binder) => new("run", "Allocation runs")
    {
        Preview(binder), Commit(binder), Show(binder), Diff(binder), List(binder),
    };

    private static Argument<string> RunId(string name = "run-id") => new(name) { Description = "The run's id", CustomParser = Parsers.Id };

    private static Command Preview(CommandBinder binder)
    {
        var productLine = new Option<string>("--product-line", "-p") { Description = "Product code, e.g. h200", Required = true, CustomParser = Parsers.Id };
        var from = new Option<IsoWeek>("--from") { Description = "First week (YYYY-Www)", Required = true, CustomParser = Parsers.Week };
        var to = new Option<IsoWeek>("--to") { Description = "Last week (YYYY-Www)", Required = true, CustomParser = Parsers.Week };
        var strategy = new Option<AllocationStrategy>("--strategy") { Description = "How a tier shares a week's supply", DefaultValueFactory = _ => AllocationStrategy.FairShare };
        var share = new Option<decimal?>("--max-customer-share") { Description = "Fraction of a week's supply one customer may get, in (0, 1]" };
        var quota = new Option<Dictionary<string, int>>("--country-quota")
        {
            Description = "Units a destination country may get over the run, e.g. CN=4000 (repeatable)",
            CustomParser = Parsers.CountryQuota,
            Arity = ArgumentArity.OneOrMore,
        };
        var ratio = new Option<List<DestinationRatio>>("--ratio")
        {
            Description = "Destination ratio, e.g. CN+MO:US=0.5: CN and MO together get at most half of what US gets in a week (repeatable)",
            CustomParser = Parsers.Ratios,
            Arity = ArgumentArity.OneOrMore,
        };
        var id = new Option<string?>("--id") { Description = "The run's id (default: a new one); a repeated id returns the run as recorded", CustomParser = r => Parsers.Id(r) };
        var preview = new Command("preview", "Preview an allocation: what every order would get, week by week, and what stops it. Changes nothing but the run's own record.")
        {
            productLine, from, to, strategy, share, quota, ratio, id,
        };
        return binder.Bind(preview, async (context, cancellationToken) =>
        {
            var caps = new AllocationCaps(context.Parse.GetValue(share), NullIfEmpty(context.Parse.GetValue(quota)), NullIfEmpty(context.Parse.GetValue(ratio)));
            var request = new AllocationRunRequest(context.Value(productLine), context.Value(from), context.Value(to), context.Value(strategy), RunMode.Preview,
                caps == AllocationCaps.None ? null : caps);
            var grains = await context.Grains(cancellationToken);
            var run = await grains.GetGrain<IAllocationGrain>(request.ProductLine).Run(context.Parse.GetValue(id) ?? NewRunId(), request, context.By);
            return Print(context, run);
        });
    }

    private static T? NullIfEmpty<T>(T? items) where T : class, System.Collections.ICollection => items is { Count: > 0 } ? items : null;

    /// <summary>The API's form of a server-assigned run id.</summary>
    public static string NewRunId() => $"run-{Guid.CreateVersion7():N}";

    private static Command Commit(CommandBinder binder)
    {
        var id = RunId();
        var commit = new Command("commit", "Commit a preview: confirmations land on the orders, committed supply and licences move. Refused (exit 4) when its inputs changed since; committing twice does nothing twice.")
        {
            id,
        };
        return binder.Bind(commit, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var run = await grains.GetRunAsync(context.Value(id));
            return Print(context, await grains.GetGrain<IAllocationGrain>(run.ProductLine).Commit(run.Id, context.By));
        });
    }

    private static Command Show(CommandBinder binder)
    {
        var id = RunId();
        var show = new Command("show", "A run: per week and per customer, what each order got and what stopped it; a preview whose inputs changed reads Stale") { id };
        return binder.Bind(show, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            return Print(context, await grains.GetRunAsync(context.Value(id)));
        });
    }

    private static Command Diff(CommandBinder binder)
    {
        var id = RunId();
        var against = new Option<string>("--against") { Description = "The run to compare with (same product line)", Required = true, CustomParser = Parsers.Id };
        var diff = new Command("diff", "Which orders gained or lost between two runs of a product line, week by week, and why") { id, against };
        return binder.Bind(diff, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var result = await grains.DiffRunsAsync(context.Value(id), context.Value(against));
            if (context.Json) CliJson.Write(context.Out, result);
            else context.Out.Write(DiffView.Render(result));
            return ExitCode.Ok;
        });
    }

    private static Command List(CommandBinder binder)
    {
        var productLine = new Option<string>("--product-line", "-p") { Description = "Product code, e.g. h200", Required = true, CustomParser = Parsers.Id };
        var list = new Command("list", "A product line's run history, newest first") { productLine };
        return binder.Bind(list, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var runs = await grains.GetGrain<IAllocationGrain>(context.Value(productLine)).ListRuns();
            if (context.Json) CliJson.Write(context.Out, runs);
            else context.Out.Write(RunView.History(context.Value(productLine), runs));
            return ExitCode.Ok;
        });
    }

    private static int Print(CommandContext context, AllocationRunView run)
    {
        if (context.Json) CliJson.Write(context.Out, run);
        else context.Out.Write(RunView.Render(run));
        return ExitCode.Ok;
    }
}
