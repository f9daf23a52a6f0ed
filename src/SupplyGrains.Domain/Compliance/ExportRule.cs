namespace SupplyGrains.Domain.Compliance;

/// <summary>The treatment of one product line going to one destination country.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ExportRule")]
public sealed record ExportRule(
    [property: Id(0)] string ProductLine,
    [property: Id(1)] string Destination,
    [property: Id(2)] ExportTreatment Treatment);
