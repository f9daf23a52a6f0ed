using System.ComponentModel.DataAnnotations;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>Downtime the planner is weighing for one fab: the <see cref="PlannedDowntime"/> it would plan there.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabDowntimeWhatIf")]
public sealed record FabDowntimeWhatIf(
    [property: Id(0)] string Fab,
    [property: Id(1)] IsoWeek FromWeek,
    [property: Id(2)] IsoWeek ToWeek,
    [property: Id(3)] string Reason) : IValidatableObject
{
    public PlannedDowntime ToDowntime() => new(FromWeek, ToWeek, Reason);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(Fab)) yield return new($"must be a fab id ({EntityId.Rule})", [nameof(Fab)]);
        foreach (var error in ToDowntime().Validate(validationContext)) yield return error;
    }
}
