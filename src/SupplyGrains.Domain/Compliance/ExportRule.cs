namespace SupplyGrains.Domain.Compliance;

/// <summary>The treatment of one product line going to one destination country.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ExportRule")]
public sealed record ExportRule(
    string ProductLine,
    string Destination,
    ExportTreatment Treatment);
