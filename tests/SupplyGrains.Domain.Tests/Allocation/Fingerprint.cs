using System.Globalization;
using System.Text;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>An outcome written out in full, so two outcomes compare by value (its records hold lists, compared by reference).</summary>
internal static class Fingerprint
{
    public static string Of(AllocationOutcome outcome)
    {
        var text = new StringBuilder();
        foreach (var week in outcome.Weeks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{week.Week} {week.Supply} {week.Allocated} {week.CarriedOut}\n");
            foreach (var line in week.Lines) text.Append(CultureInfo.InvariantCulture, $"  {line}\n");
        }
        foreach (var order in outcome.Orders) text.Append(CultureInfo.InvariantCulture, $"{order}\n");
        return text.ToString();
    }
}
