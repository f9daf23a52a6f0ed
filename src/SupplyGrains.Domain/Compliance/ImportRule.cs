using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Domain.Compliance;

/// <summary>An importing country's rules: products that need its approval per purchase, banned buyer types, denied use cases.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ImportRule")]
public sealed record ImportRule(
    [property: Id(0)] string Country,
    [property: Id(1)] IReadOnlyList<string> ApprovalRequired,
    [property: Id(2)] IReadOnlyList<EntityType> BannedBuyerTypes,
    [property: Id(3)] IReadOnlyList<DeniedUseCase> DeniedUseCases);
