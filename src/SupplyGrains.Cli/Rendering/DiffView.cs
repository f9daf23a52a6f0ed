using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Cli.Rendering;

/// <summary>Who gained and who lost between two runs of a product line, week by week and order by order, and why.</summary>
public static class DiffView
{
    public static IRenderable Render(RunDiff diff)
    {
        var header = new Markup(
            $"[bold]Run {Markup.Escape(diff.RunId)} against {Markup.Escape(diff.AgainstRunId)}[/]\n" +
            $"allocated {Cells.Number(diff.AllocatedBefore)} → {Cells.Number(diff.AllocatedAfter)} ({Cells.SignedNumber(diff.AllocatedAfter - diff.AllocatedBefore)}) · " +
            $"{diff.Gained} order(s) gained, {diff.Lost} lost, {diff.Unchanged} unchanged\n");

        var weeks = Cells.Table("Per week").AddColumn("Week").AddColumn(Cells.Right("Supply before")).AddColumn(Cells.Right("Supply after"))
            .AddColumn(Cells.Right("Allocated before")).AddColumn(Cells.Right("Allocated after")).AddColumn(Cells.Right("Change"));
        foreach (var w in diff.Weeks)
            weeks.AddRow(Cells.Plain(w.Week.ToString()), Cells.Units(w.SupplyBefore), Cells.Units(w.SupplyAfter),
                Cells.Units(w.AllocatedBefore), Cells.Units(w.AllocatedAfter), Cells.Signed(w.AllocatedAfter - w.AllocatedBefore));

        var orders = Cells.Table("Orders that changed").AddColumn("Order").AddColumn("Customer").AddColumn(Cells.Right("Before"))
            .AddColumn(Cells.Right("After")).AddColumn(Cells.Right("Change")).AddColumn("Stopped by").AddColumn("Why");
        foreach (var o in diff.Orders)
            orders.AddRow(Cells.Plain(o.OrderId), Cells.Plain(o.CustomerId), Cells.Units(o.Before), Cells.Units(o.After), Cells.Signed(o.Change),
                Cells.Plain($"{o.StoppedByBefore?.ToString() ?? "—"} → {o.StoppedByAfter?.ToString() ?? "—"}"), Cells.Plain(o.Why));
        if (diff.Orders.Count == 0) orders.Caption = new TableTitle("no order's allocation changed");
        return new Rows(header, weeks, orders);
    }
}
