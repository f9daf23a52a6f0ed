using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Domain.Compliance;

/// <summary>The exporting country's rules: treatments by product and destination, denied entity types and parties.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ExportPolicy")]
public sealed record ExportPolicy(
    IReadOnlyList<ExportRule> Rules,
    IReadOnlyList<EntityType> DeniedEntityTypes,
    IReadOnlyList<DeniedParty> DeniedParties,
    decimal FuzzyThreshold)
{
    /// <summary>No rule for a product and destination means <see cref="ExportTreatment.Allowed"/>.</summary>
    public ExportTreatment TreatmentOf(string productLine, string destination) =>
        Rules.FirstOrDefault(r => r.ProductLine == productLine && r.Destination == destination)?.Treatment ?? ExportTreatment.Allowed;
}
