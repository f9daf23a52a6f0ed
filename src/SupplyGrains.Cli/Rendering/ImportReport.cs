using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Cli.Import;

namespace SupplyGrains.Cli.Rendering;

/// <summary>
/// What an import says: every problem of a refused file with its line and column, or, after a submission, how many
/// rows were accepted, held and rejected, by which reasons, and the rows that need a person.
/// </summary>
public static class ImportReport
{
    public static IRenderable Problems(string file, IReadOnlyList<CsvProblem> problems)
    {
        var table = Cells.Table($"{file}: {problems.Count} problem(s)").AddColumn(Cells.Right("Line")).AddColumn(Cells.Right("Column"))
            .AddColumn("Field").AddColumn("Problem");
        foreach (var p in problems.OrderBy(p => p.Line).ThenBy(p => p.Column))
            table.AddRow(Cells.Plain(Place(p.Line)), Cells.Plain(Place(p.Column)), Cells.Plain(p.Field), Cells.Plain(p.Message));
        var rows = problems.Where(p => p.Line > 1).Select(p => p.Line).Distinct().Count();
        table.Caption = new TableTitle(rows > 0 ? $"{rows} row(s) refused; nothing was submitted" : "nothing was submitted");
        return table;
    }

    private static string Place(int number) => number > 0 ? number.ToString(CultureInfo.InvariantCulture) : "—";

    public static IRenderable Summary(ImportSummary summary)
    {
        var counts = Cells.Table("Rows").AddColumn("Outcome").AddColumn(Cells.Right("Count"));
        counts.AddRow(new Text("accepted (Approved)", Color.Green), Cells.Units(summary.Accepted));
        counts.AddRow(new Text("held (OnHold)", Color.Yellow), Cells.Units(summary.Held));
        counts.AddRow(new Text("rejected", Color.Red), Cells.Units(summary.Rejected));
        if (summary.Failed > 0) counts.AddRow(new Text("failed to submit", Color.Red), Cells.Units(summary.Failed));
        counts.AddRow(new Markup("[bold]total[/]"), Cells.Units(summary.Rows));

        var reasons = Cells.Table("Reasons").AddColumn("Reason").AddColumn(Cells.Right("Held")).AddColumn(Cells.Right("Rejected"));
        foreach (var reason in summary.HeldBy.Keys.Union(summary.RejectedBy.Keys).Order(StringComparer.Ordinal))
            reasons.AddRow(Cells.Plain(reason), Cells.Units(summary.HeldBy.GetValueOrDefault(reason)), Cells.Units(summary.RejectedBy.GetValueOrDefault(reason)));

        var parts = new List<IRenderable> { new Markup($"[bold]Imported {Markup.Escape(summary.File)}[/]\n"), new Columns(counts, reasons).Collapse() };
        var attention = summary.Orders.Where(o => o.Status != Domain.Orders.OrderStatus.Approved).OrderBy(o => o.Line).ToList();
        if (attention.Count > 0)
        {
            var rows = Cells.Table("Rows not accepted").AddColumn(Cells.Right("Line")).AddColumn("Order").AddColumn("Customer").AddColumn("Status").AddColumn("Reasons");
            foreach (var o in attention)
                rows.AddRow(Cells.Plain(o.Line.ToString(CultureInfo.InvariantCulture)), Cells.Plain(o.OrderId), Cells.Plain(o.CustomerId),
                    o.Status is { } status ? Cells.Status(status) : new Text("failed", Color.Red),
                    Cells.Plain(o.Error ?? string.Join(", ", o.Reasons)));
            parts.Add(rows);
        }
        return new Rows(parts);
    }
}
