using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Compliance;

/// <summary>A use case an importing country refuses for a product line (CN: H200 for inference, domestic chips suffice).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DeniedUseCase")]
public sealed record DeniedUseCase(
    string ProductLine,
    UseCase UseCase);
