using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Cli.Rendering;

/// <summary>A policy version's rules, a publication, and the impact of a version (or a draft) on the open orders.</summary>
public static class PolicyViews
{
    public static IRenderable Show(VersionedPolicy policy)
    {
        var d = policy.Document;
        var header = new Markup(
            $"[bold]Policy v{policy.Version}[/] · in force from {d.EffectiveFrom:yyyy-MM-dd} · published {Cells.Time(policy.PublishedAt)} by {Markup.Escape(policy.PublishedBy)}\n" +
            $"{Markup.Escape(d.Description)}\n" +
            $"denied entity types: {Markup.Escape(string.Join(", ", d.Export.DeniedEntityTypes))} · fuzzy threshold {d.Export.FuzzyThreshold.ToString(CultureInfo.InvariantCulture)}\n");

        var export = Cells.Table("Export rules").AddColumn("Product line").AddColumn("Destination").AddColumn("Treatment");
        foreach (var r in d.Export.Rules.OrderBy(r => r.ProductLine, StringComparer.Ordinal).ThenBy(r => r.Destination, StringComparer.Ordinal))
            export.AddRow(Cells.Plain(r.ProductLine), Cells.Plain(r.Destination), new Text(r.Treatment.ToString(), r.Treatment switch
            {
                ExportTreatment.Allowed => Color.Green,
                ExportTreatment.LicenseRequired => Color.Yellow,
                _ => Color.Red,
            }));
        export.Caption = new TableTitle("no rule for a product and destination means Allowed");

        var parties = Cells.Table("Denied parties").AddColumn("Name").AddColumn("Aliases");
        foreach (var p in d.Export.DeniedParties) parties.AddRow(Cells.Plain(p.Name), Cells.Plain(string.Join(", ", p.Aliases)));

        var import = Cells.Table("Import rules").AddColumn("Country").AddColumn("Approval required").AddColumn("Banned buyers").AddColumn("Denied use cases");
        foreach (var r in d.Import)
            import.AddRow(Cells.Plain(r.Country), Cells.Plain(string.Join(", ", r.ApprovalRequired)), Cells.Plain(string.Join(", ", r.BannedBuyerTypes)),
                Cells.Plain(string.Join(", ", r.DeniedUseCases.Select(u => $"{u.ProductLine} {u.UseCase}"))));

        var parts = new List<IRenderable> { header, export, parties, import };
        if (d.Allocation is { Count: > 0 } conditions)
        {
            var allocation = Cells.Table("Allocation conditions (every run of these product lines)").AddColumn("Product lines").AddColumn("Condition");
            foreach (var c in conditions)
                allocation.AddRow(Cells.Plain(string.Join(", ", c.ProductLines)),
                    Cells.Plain(RunView.Caps(new Domain.Allocation.AllocationCaps(DestinationRatio: c.DestinationRatio))));
            parts.Add(allocation);
        }
        return new Rows(parts);
    }

    public static Table History(IReadOnlyList<VersionedPolicy> versions, int? current)
    {
        var table = Cells.Table("Policy versions").AddColumn(Cells.Right("Version")).AddColumn("In force from").AddColumn("Published").AddColumn("By").AddColumn("Description");
        foreach (var v in versions.OrderBy(v => v.Version))
            table.AddRow(Cells.Plain($"v{v.Version}{(v.Version == current ? " (current)" : "")}"), Cells.Plain(v.Document.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Cells.Plain(Cells.Time(v.PublishedAt)), Cells.Plain(v.PublishedBy), Cells.Plain(v.Document.Description));
        return table;
    }

    public static IRenderable Publication(PolicyPublication publication)
    {
        var version = publication.Policy.Version;
        var what = publication.Created ? $"Published policy v{version}" : $"Policy v{version} was already published with this document; nothing changed";
        var force = publication.CurrentVersion == version
            ? $"v{version} is in force"
            : $"v{publication.CurrentVersion} stays in force until {publication.Policy.Document.EffectiveFrom:yyyy-MM-dd}";
        var reevaluation = publication.ReevaluationId is { } id
            ? $"\nevery open order is being re-decided (re-evaluation {Markup.Escape(id)}): supplygrains policy impact {version}"
            : "";
        return new Markup($"[bold]{what}[/] · {force}{reevaluation}\n");
    }

    public static IRenderable Impact(ReevaluationReport report)
    {
        var title = report.DryRun ? $"Impact preview of policy v{report.PolicyVersion} (dry run: nothing changed)" : $"Impact of {report.Trigger}";
        var progress = report.Completed ? "complete" : "[yellow]still running[/]: run the command again for the rest";
        var header = new Markup(
            $"[bold]{Markup.Escape(title)}[/]\n" +
            $"{Cells.Number(report.Done)} of {Cells.Number(report.Total)} open orders re-decided ({progress}) · {Cells.Number(report.Changed)} changed" +
            (report.Failed > 0 ? $" · [red]{report.Failed} failed[/]" : "") + "\n");

        var counts = Cells.Table("After").AddColumn("Status").AddColumn(Cells.Right("Orders"));
        foreach (var (status, count) in report.StatusCounts.OrderBy(s => s.Key)) counts.AddRow(Cells.Status(status), Cells.Units(count));

        var moves = Cells.Table("Changes").AddColumn("Transition or new reason").AddColumn(Cells.Right("Orders"));
        foreach (var (transition, count) in report.ByTransition.OrderBy(t => t.Key, StringComparer.Ordinal)) moves.AddRow(Cells.Plain(transition), Cells.Units(count));
        foreach (var (reason, count) in report.ByReason.OrderBy(t => t.Key, StringComparer.Ordinal)) moves.AddRow(Cells.Plain(reason), Cells.Units(count));

        var orders = Cells.Table("Orders that move").AddColumn("Order").AddColumn("Customer").AddColumn("Product").AddColumn("Before").AddColumn("After")
            .AddColumn("Reasons before").AddColumn("Reasons after");
        foreach (var o in report.Orders.Where(o => o.IsChange))
            orders.AddRow(Cells.Plain(o.OrderId), Cells.Plain(o.CustomerId), Cells.Plain(o.ProductLine), Cells.Status(o.Before), Cells.Status(o.After),
                Cells.Plain(string.Join(", ", o.ReasonsBefore)), Cells.Plain(string.Join(", ", o.ReasonsAfter)));
        if (report.Changed == 0) orders.Caption = new TableTitle("no order changes status or reasons");
        return new Rows(header, new Columns(counts, moves).Collapse(), orders);
    }
}
