using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Contracts.Scenarios;

namespace SupplyGrains.Cli.Rendering;

/// <summary>What loading a scenario defined, and where its orders stand afterwards.</summary>
public static class ScenarioView
{
    public static IRenderable Report(ScenarioReport report)
    {
        var heading = new Markup($"[bold]Loaded scenario {Markup.Escape(report.Name)}[/]\n");
        var defined = Cells.Table("Defined").AddColumn("What").AddColumn(Cells.Right("Count"));
        defined.AddRow(Cells.Plain("policy versions"), Cells.Units(report.Policies));
        defined.AddRow(Cells.Plain("product lines"), Cells.Units(report.ProductLines));
        defined.AddRow(Cells.Plain("fabs"), Cells.Units(report.Fabs));
        defined.AddRow(Cells.Plain("customers"), Cells.Units(report.Customers));
        defined.AddRow(Cells.Plain("licences"), Cells.Units(report.Licenses));
        defined.AddRow(Cells.Plain("orders"), Cells.Units(report.Orders));

        if (report.OrdersByStatus.Count == 0) return new Rows(heading, defined);
        var statuses = Cells.Table("Orders").AddColumn("Status").AddColumn(Cells.Right("Count"));
        foreach (var (status, count) in report.OrdersByStatus.OrderBy(s => s.Key)) statuses.AddRow(Cells.Status(status), Cells.Units(count));
        return new Rows(heading, new Columns(defined, statuses).Collapse());
    }
}
