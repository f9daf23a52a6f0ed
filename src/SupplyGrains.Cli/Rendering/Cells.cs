using System.Globalization;
using Spectre.Console;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Rendering;

/// <summary>
/// Table cells as planners read them: units with thousands separators whatever the machine's culture, and statuses,
/// gate outcomes and stop reasons in the same colour everywhere. Text from the cluster is never read as markup.
/// </summary>
public static class Cells
{
    public static Text Plain(string? text) => new(text ?? "");

    public static Text Units(long units) => new(units.ToString("N0", CultureInfo.InvariantCulture));

    public static Text Signed(long units) => new(SignedNumber(units));

    public static string SignedNumber(long units) => (units > 0 ? "+" : "") + Number(units);

    public static Text Percent(long part, long whole) =>
        new(whole == 0 ? "—" : (100m * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%");

    public static string Number(long units) => units.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Text Status(OrderStatus status) => new(status.ToString(), status switch
    {
        OrderStatus.Approved => Color.Green,
        OrderStatus.OnHold => Color.Yellow,
        OrderStatus.Rejected => Color.Red,
        _ => Color.Grey,
    });

    public static Text Outcome(GateOutcome outcome) => new(outcome.ToString(), outcome switch
    {
        GateOutcome.Pass => Color.Green,
        GateOutcome.Hold => Color.Yellow,
        _ => Color.Red,
    });

    public static Text StoppedBy(StopReason? reason) => reason switch
    {
        null => new Text("—"),
        StopReason.Demand => new Text("Demand", Color.Green),
        StopReason.Supply => new Text("Supply", Color.Yellow),
        _ => new Text(reason.ToString()!, Color.Fuchsia),
    };

    public static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    public static Table Table(string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title = new TableTitle(title, new Style(decoration: Decoration.Bold));
        return table;
    }
}
