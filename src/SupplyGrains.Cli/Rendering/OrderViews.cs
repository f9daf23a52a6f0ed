using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Cli.Rendering;

/// <summary>Orders as a planner reads them: a listing with the reason codes, or one order with every gate's decision.</summary>
public static class OrderViews
{
    public static Table List(IReadOnlyList<OrderSummary> orders)
    {
        var table = Cells.Table().AddColumn("Order").AddColumn("Customer").AddColumn("Product").AddColumn(Cells.Right("Quantity"))
            .AddColumn("Week").AddColumn("Status").AddColumn("Reasons").AddColumn(Cells.Right("Allocated")).AddColumn(Cells.Right("Remaining"));
        foreach (var o in orders)
            table.AddRow(Cells.Plain(o.Id), Cells.Plain(o.CustomerId), Cells.Plain(o.ProductLine), Cells.Units(o.Quantity), Cells.Plain(o.RequestedWeek.ToString()),
                Cells.Status(o.Status), Cells.Plain(string.Join(", ", o.Reasons)), Cells.Units(o.Allocated), Cells.Units(o.Remaining));
        table.Caption = new TableTitle($"{orders.Count} order(s)");
        return table;
    }

    public static IRenderable Show(OrderView order, IReadOnlyList<AuditEvent>? audit = null)
    {
        var facts = new Grid().AddColumn().AddColumn();
        void Fact(string name, IRenderable value) => facts.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), value);
        Fact("Order", Cells.Plain(order.Id));
        Fact("Customer", Cells.Plain(order.CustomerId));
        Fact("Product line", Cells.Plain(order.ProductLine));
        Fact("Quantity", Cells.Plain($"{Cells.Number(order.Quantity)} from {order.RequestedWeek}"));
        Fact("Use case", Cells.Plain(order.UseCase.ToString()));
        Fact("Ship to", Cells.Plain(order.ShipToCountry + (order.EndUser is { } u ? $" · end user {u.Name} ({u.Country})" : "")));
        Fact("Class", Cells.Plain(order.ConfirmationClass.ToString()));
        Fact("Status", Cells.Status(order.Status));
        Fact("Allocated", Cells.Plain($"{Cells.Number(order.Allocated)} · remaining {Cells.Number(order.Remaining)}"));
        Fact("Licence", Cells.Plain(order.LicenseId ?? "—"));
        Fact("Submitted", Cells.Plain($"{Cells.Time(order.SubmittedAt)} by {order.SubmittedBy}"));

        var parts = new List<IRenderable> { facts, Gates(order.Gates) };
        if (order.Confirmations.Count > 0)
        {
            var confirmations = Cells.Table("Confirmations").AddColumn("Week").AddColumn(Cells.Right("Units")).AddColumn("Run").AddColumn("Licence");
            foreach (var c in order.Confirmations)
                confirmations.AddRow(Cells.Plain(c.Week.ToString()), Cells.Units(c.Quantity), Cells.Plain(c.RunId), Cells.Plain(c.LicenseId ?? ""));
            parts.Add(confirmations);
        }
        if (audit is not null) parts.Add(Audit(audit));
        return new Rows(parts);
    }

    public static Table Gates(IReadOnlyList<GateDecision> gates)
    {
        var table = Cells.Table("Gates").AddColumn("Gate").AddColumn("Outcome").AddColumn("Reason").AddColumn("Detail").AddColumn(Cells.Right("Policy"));
        foreach (var g in gates)
            table.AddRow(Cells.Plain(g.Gate.ToString()), Cells.Outcome(g.Outcome), Cells.Plain(g.Reason ?? ""), Cells.Plain(g.Detail),
                Cells.Plain("v" + g.PolicyVersion.ToString(CultureInfo.InvariantCulture)));
        return table;
    }

    private static Table Audit(IReadOnlyList<AuditEvent> audit)
    {
        var table = Cells.Table("Audit trail").AddColumn("At").AddColumn("By").AddColumn("What").AddColumn("Detail");
        foreach (var e in audit) table.AddRow(Cells.Plain(Cells.Time(e.At)), Cells.Plain(e.By), Cells.Plain(e.Kind), Cells.Plain(e.Detail));
        return table;
    }
}
