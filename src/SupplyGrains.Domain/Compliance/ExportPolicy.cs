using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Domain.Compliance;

/// <summary>The exporting country's rules: treatments by product and destination, denied entity types and parties.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ExportPolicy")]
public sealed record ExportPolicy(
    [property: Id(0)] IReadOnlyList<ExportRule> Rules,
    [property: Id(1)] IReadOnlyList<EntityType> DeniedEntityTypes,
    [property: Id(2)] IReadOnlyList<DeniedParty> DeniedParties,
    [property: Id(3)] decimal FuzzyThreshold)
{
    /// <summary>No rule for a product and destination means <see cref="ExportTreatment.Allowed"/>.</summary>
    public ExportTreatment TreatmentOf(string productLine, string destination) =>
        Rules.FirstOrDefault(r => r.ProductLine == productLine && r.Destination == destination)?.Treatment ?? ExportTreatment.Allowed;
}
