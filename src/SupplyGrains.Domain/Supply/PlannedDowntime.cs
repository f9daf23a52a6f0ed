using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>
/// Weeks in which the fab starts no wafers (maintenance, a tool install). Wafers already in the line still finish,
/// so the gap in output shows up a cycle time later.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PlannedDowntime")]
public sealed record PlannedDowntime(
    IsoWeek FromWeek,
    IsoWeek ToWeek,
    string Reason) : IValidatableObject
{
    public bool Covers(IsoWeek week) => week >= FromWeek && week <= ToWeek;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ToWeek < FromWeek) yield return new("must not be before fromWeek", [nameof(ToWeek)]);
        if (string.IsNullOrWhiteSpace(Reason)) yield return new("must not be empty", [nameof(Reason)]);
    }
}
