using System.CommandLine;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Rendering;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Domain;

namespace SupplyGrains.Cli.Commands;

/// <summary><c>supplygrains supply show PRODUCT_LINE</c>: the weekly ledger as a bar chart of produced against committed units.</summary>
public static class SupplyCommands
{
    public static Command Create(CommandBinder binder)
    {
        var productLine = new Argument<string>("product-line") { Description = "Product code, e.g. h200", CustomParser = Parsers.Id };
        var from = new Option<IsoWeek?>("--from") { Description = "First week to show (YYYY-Www)", CustomParser = r => Parsers.Week(r) };
        var to = new Option<IsoWeek?>("--to") { Description = "Last week to show (YYYY-Www)", CustomParser = r => Parsers.Week(r) };
        var show = new Command("show", "A product line's weekly supply: produced (fabs + adjustments) against committed, over-committed weeks marked. Without --from/--to, every week that produced or committed anything.")
        {
            productLine, from, to,
        };
        binder.Bind(show, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var line = await grains.GetGrain<IProductLineGrain>(context.Value(productLine)).Get();
            var first = context.Parse.GetValue(from);
            var last = context.Parse.GetValue(to);
            var weeks = line.Supply
                .Where(w => first is null && last is null ? w.Produced != 0 || w.Committed != 0 : (first is null || w.Week >= first) && (last is null || w.Week <= last))
                .ToList();
            if (context.Json) CliJson.Write(context.Out, line with { Supply = weeks });
            else context.Out.Write(SupplyChart.Render(line, weeks));
            return ExitCode.Ok;
        });
        return new Command("supply", "Product lines' supply") { show };
    }
}
