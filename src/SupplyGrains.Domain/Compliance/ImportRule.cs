using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Domain.Compliance;

/// <summary>An importing country's rules: products that need its approval per purchase, banned buyer types, denied use cases.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ImportRule")]
public sealed record ImportRule(
    string Country,
    IReadOnlyList<string> ApprovalRequired,
    IReadOnlyList<EntityType> BannedBuyerTypes,
    IReadOnlyList<DeniedUseCase> DeniedUseCases);
