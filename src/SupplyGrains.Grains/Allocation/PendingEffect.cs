using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Supply;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// Something a commit or a release must still tell another grain: saved with the allocation's own state in one
/// write, carried out afterwards, and retried on the next activation if the silo died in between. Every target
/// treats <see cref="EntryId"/> as an idempotency key, so carrying one out twice counts once.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PendingEffect")]
public sealed record PendingEffect(
    PendingEffectKind Kind,
    string EntryId,
    IReadOnlyList<WeeklyUnits> Units,
    string? LicenseId = null,
    AllocationRunView? Run = null);
