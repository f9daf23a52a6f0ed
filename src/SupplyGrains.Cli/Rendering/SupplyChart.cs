using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Cli.Rendering;

/// <summary>
/// A product line's supply ledger as a weekly bar chart: what the fabs produce (plus adjustments) against what committed
/// runs have confirmed, over-committed weeks in red, so a planner sees at a glance where the promises exceed the wafers.
/// </summary>
public static class SupplyChart
{
    public const int MaxWidth = 100;

    public static IRenderable Render(ProductLineView line, IReadOnlyList<SupplyWeek> weeks)
    {
        var header = new Markup(
            $"[bold]{Markup.Escape(line.Id)}[/] ({Markup.Escape(line.Name)}, {Markup.Escape(line.Family)}, {line.Stage}) · lot size {line.LotSize} · " +
            $"[green]produced[/] vs [blue]committed[/] per week\n");
        if (weeks.Count == 0) return new Rows(header, new Text("No supply and no commitments in these weeks."));

        // A bar as wide as a redirected page (200 columns) reads no better than one of 100.
        var chart = new BarChart().Width(MaxWidth).UseValueFormatter(v => Cells.Number((long)v));
        foreach (var week in weeks)
        {
            chart.AddItem($"{week.Week} produced", week.Produced, Color.Green);
            chart.AddItem(week.OverCommitted ? "   committed (over)" : "   committed", week.Committed, week.OverCommitted ? Color.Red : Color.Blue);
        }

        var over = weeks.Where(w => w.OverCommitted).ToList();
        var footer = new Markup(
            $"\nproduced {Cells.Number(weeks.Sum(w => (long)w.Produced))} · committed {Cells.Number(weeks.Sum(w => (long)w.Committed))} · " +
            $"available at the end {Cells.Number(weeks[^1].Available)}" +
            (over.Count == 0 ? "" : $"\n[red]over-committed: {string.Join(", ", over.Select(w => w.Week))}[/] (the next commit run re-allocates by confirmation class)"));
        return new Rows(header, chart, footer);
    }
}
