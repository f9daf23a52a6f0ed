using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Allocation.Reallocation;

namespace SupplyGrains.Contracts.Allocation;

/// <summary>
/// A run as its record keeps it: what was asked, on which inputs (fingerprint), and what each order and week got;
/// after a supply cut, also the re-allocation that came first (confirmations taken back and why, Win reservations).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationRunView")]
public sealed record AllocationRunView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProductLine,
    [property: Id(2)] AllocationStrategy Strategy,
    [property: Id(3)] RunMode Mode,
    [property: Id(4)] RunStatus Status,
    [property: Id(5)] string InputFingerprint,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] IsoWeek FromWeek,
    [property: Id(8)] IsoWeek ToWeek,
    [property: Id(9)] AllocationCaps Caps,
    [property: Id(10)] IReadOnlyList<WeekAllocation> Weeks,
    [property: Id(11)] IReadOnlyList<OrderAllocation> Orders,
    [property: Id(12)] string CreatedBy,
    [property: Id(13)] DateTimeOffset? CommittedAt = null,
    [property: Id(14)] string? CommittedBy = null,
    [property: Id(15)] ReallocationPlan? Reallocation = null)
{
    public RunSummary Summary => new(Id, Strategy, Mode, Status, CreatedAt, FromWeek, ToWeek,
        Weeks.Sum(w => w.Allocated), Orders.Count, CommittedAt, CreatedBy, CommittedBy);
}
