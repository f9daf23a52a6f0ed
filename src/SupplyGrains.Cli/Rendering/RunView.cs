using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Cli.Rendering;

/// <summary>
/// An allocation run as a planner reads it: what was asked, then a table per week (supply, what went out, what
/// carried over, and each customer's units) and a table per customer with every order and what stopped it.
/// </summary>
public static class RunView
{
    /// <summary>Past this many customers the week table leaves out the per-customer columns; it would not fit a terminal.</summary>
    public const int MaxCustomerColumns = 8;

    public static IRenderable Render(AllocationRunView run)
    {
        var parts = new List<IRenderable> { Header(run), Weeks(run), Customers(run) };
        if (run.Reallocation is { Takebacks.Count: > 0 } plan) parts.Add(Takebacks(plan.Takebacks));
        return new Rows(parts);
    }

    private static IRenderable Header(AllocationRunView run)
    {
        var lines = new List<string>
        {
            $"[bold]Run {Markup.Escape(run.Id)}[/] · {Markup.Escape(run.ProductLine)} · {run.Strategy} · {Status(run.Status)} · {run.FromWeek}..{run.ToWeek}",
            $"created {Cells.Time(run.CreatedAt)} by {Markup.Escape(run.CreatedBy)}" +
                (run.CommittedAt is { } at ? $" · committed {Cells.Time(at)} by {Markup.Escape(run.CommittedBy ?? "?")}" : ""),
            $"caps: {Markup.Escape(Caps(run.Caps))}",
        };
        if (run.Status == RunStatus.Stale)
            lines.Add("[yellow]stale: its inputs changed since (orders, supply or policy); preview again before committing[/]");
        if (run.Reallocation is { IsReallocation: true } plan)
            lines.Add($"[yellow]re-allocation: committed weeks were over-committed; {plan.Takebacks.Count} confirmation(s) taken back (below)[/]");
        return new Markup(string.Join('\n', lines) + "\n");
    }

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.Committed => "[green]Committed[/]",
        RunStatus.Stale => "[yellow]Stale[/]",
        _ => "[blue]Preview[/]",
    };

    public static string Caps(AllocationCaps caps)
    {
        var parts = new List<string>();
        if (caps.MaxCustomerShare is { } share) parts.Add($"max customer share {share.ToString(CultureInfo.InvariantCulture)}");
        if (caps.CountryQuota is { Count: > 0 } quota)
            parts.Add("country quota " + string.Join(", ", quota.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key} {Cells.Number(q.Value)}")));
        foreach (var ratio in caps.DestinationRatio ?? [])
        {
            var group = string.Join(" + ", new[] { ratio.Destination }.Concat(ratio.Together ?? []));
            parts.Add($"{group} ≤ {ratio.MaxRatio.ToString(CultureInfo.InvariantCulture)} × {ratio.RelativeTo}");
        }
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    private static Table Weeks(AllocationRunView run)
    {
        var customers = run.Weeks.SelectMany(w => w.Lines).Where(l => l.Quantity > 0).Select(l => l.CustomerId)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var byCustomer = customers.Count <= MaxCustomerColumns;
        var table = Cells.Table("Per week").AddColumn("Week").AddColumn(Cells.Right("Supply")).AddColumn(Cells.Right("Allocated")).AddColumn(Cells.Right("Carried out"));
        if (byCustomer) foreach (var customer in customers) table.AddColumn(Cells.Right(Markup.Escape(customer)));
        foreach (var week in run.Weeks)
        {
            var row = new List<IRenderable> { Cells.Plain(week.Week.ToString()), Cells.Units(week.Supply), Cells.Units(week.Allocated), Cells.Units(week.CarriedOut) };
            if (byCustomer)
            {
                var units = week.Lines.GroupBy(l => l.CustomerId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
                row.AddRange(customers.Select(c => (IRenderable)Cells.Units(units.GetValueOrDefault(c))));
            }
            table.AddRow(row);
        }
        var total = new List<IRenderable> { new Markup("[bold]Total[/]"), Cells.Plain(""), Cells.Units(run.Weeks.Sum(w => w.Allocated)), Cells.Plain("") };
        if (byCustomer)
            total.AddRange(customers.Select(c => (IRenderable)Cells.Units(run.Weeks.SelectMany(w => w.Lines).Where(l => l.CustomerId == c).Sum(l => l.Quantity))));
        table.AddRow(total);
        if (!byCustomer) table.Caption = new TableTitle($"{customers.Count} customers got units: per-customer columns left out (see the table below, or --json)");
        return table;
    }

    private static Table Customers(AllocationRunView run)
    {
        var table = Cells.Table("Per customer").AddColumn("Customer").AddColumn(Cells.Right("Tier")).AddColumn("Order")
            .AddColumn(Cells.Right("Wanted")).AddColumn(Cells.Right("Allocated")).AddColumn(Cells.Right("Fill")).AddColumn("Stopped by");
        var groups = run.Orders.GroupBy(o => o.CustomerId)
            .OrderBy(g => g.Min(o => o.Tier)).ThenByDescending(g => g.Sum(o => o.Allocated)).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var orders = group.OrderBy(o => o.OrderId, StringComparer.Ordinal).ToList();
            for (var i = 0; i < orders.Count; i++)
            {
                var o = orders[i];
                table.AddRow(Cells.Plain(i == 0 ? group.Key : ""), Cells.Plain(i == 0 ? o.Tier.ToString(CultureInfo.InvariantCulture) : ""), Cells.Plain(o.OrderId),
                    Cells.Units(o.RemainingBefore), Cells.Units(o.Allocated), Cells.Percent(o.Allocated, o.RemainingBefore), Cells.StoppedBy(o.StoppedBy));
            }
            if (orders.Count > 1)
            {
                int wanted = orders.Sum(o => o.RemainingBefore), allocated = orders.Sum(o => o.Allocated);
                table.AddRow(Cells.Plain(""), Cells.Plain(""), new Text($"{group.Key} total", new Style(decoration: Decoration.Italic)),
                    Cells.Units(wanted), Cells.Units(allocated), Cells.Percent(allocated, wanted), Cells.Plain(""));
            }
        }
        int allWanted = run.Orders.Sum(o => o.RemainingBefore), allAllocated = run.Orders.Sum(o => o.Allocated);
        table.AddRow(new Markup("[bold]Total[/]"), Cells.Plain(""), Cells.Plain($"{run.Orders.Count} orders"),
            Cells.Units(allWanted), Cells.Units(allAllocated), Cells.Percent(allAllocated, allWanted), Cells.Plain(""));
        return table;
    }

    private static Table Takebacks(IReadOnlyList<Domain.Allocation.Reallocation.Takeback> takebacks)
    {
        var table = Cells.Table("Taken back").AddColumn("Order").AddColumn("Customer").AddColumn("Class").AddColumn("Week")
            .AddColumn(Cells.Right("Units")).AddColumn("Why");
        foreach (var t in takebacks)
            table.AddRow(Cells.Plain(t.OrderId), Cells.Plain(t.CustomerId), Cells.Plain(t.Class.ToString()), Cells.Plain(t.Week.ToString()),
                Cells.Units(t.Quantity), Cells.Plain(t.Reason));
        return table;
    }

    /// <summary>A product line's run history, newest first.</summary>
    public static Table History(string productLine, IReadOnlyList<RunSummary> runs)
    {
        var table = Cells.Table($"Runs of {productLine}").AddColumn("Run").AddColumn("Strategy").AddColumn("Mode").AddColumn("Status")
            .AddColumn("Weeks").AddColumn(Cells.Right("Allocated")).AddColumn(Cells.Right("Orders")).AddColumn("Created").AddColumn("By").AddColumn("Committed");
        foreach (var r in runs)
            table.AddRow(Cells.Plain(r.Id), Cells.Plain(r.Strategy.ToString()), Cells.Plain(r.Mode.ToString()), new Markup(Status(r.Status)),
                Cells.Plain($"{r.FromWeek}..{r.ToWeek}"), Cells.Units(r.Allocated), Cells.Units(r.Orders), Cells.Plain(Cells.Time(r.CreatedAt)),
                Cells.Plain(r.CreatedBy), Cells.Plain(r.CommittedAt is { } at ? $"{Cells.Time(at)} by {r.CommittedBy}" : ""));
        return table;
    }
}
