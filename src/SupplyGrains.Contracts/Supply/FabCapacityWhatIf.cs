using System.ComponentModel.DataAnnotations;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>A capacity change the planner is weighing for one fab: the <see cref="CapacityChange"/> it would make there.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabCapacityWhatIf")]
public sealed record FabCapacityWhatIf(
    [property: Id(0)] string Fab,
    [property: Id(1)] IsoWeek FromWeek,
    [property: Id(2)] int WafersPerWeek) : IValidatableObject
{
    public CapacityChange ToChange() => new(FromWeek, WafersPerWeek);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(Fab)) yield return new($"must be a fab id ({EntityId.Rule})", [nameof(Fab)]);
        foreach (var error in ToChange().Validate(validationContext)) yield return error;
    }
}
