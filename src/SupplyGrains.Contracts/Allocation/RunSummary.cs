using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Contracts.Allocation;

/// <summary>A run in a product line's history.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.RunSummary")]
public sealed record RunSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] AllocationStrategy Strategy,
    [property: Id(2)] RunMode Mode,
    [property: Id(3)] RunStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] IsoWeek FromWeek,
    [property: Id(6)] IsoWeek ToWeek,
    [property: Id(7)] int Allocated,
    [property: Id(8)] int Orders,
    [property: Id(9)] DateTimeOffset? CommittedAt,
    [property: Id(10)] string? CreatedBy = null,
    [property: Id(11)] string? CommittedBy = null);
