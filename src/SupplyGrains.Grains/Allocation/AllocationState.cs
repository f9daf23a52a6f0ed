using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// A product line's allocation state: the book of orders (as pushed by the order grains), the confirmations of
/// committed runs per order, the run history, and the effects still to carry out.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.AllocationState")]
public sealed class AllocationState
{
    [Id(0)] public Dictionary<string, BookEntry> Book { get; set; } = [];
    [Id(1)] public Dictionary<string, List<Confirmation>> Confirmations { get; set; } = [];
    [Id(2)] public List<RunSummary> Runs { get; set; } = [];
    [Id(3)] public List<PendingEffect> Outbox { get; set; } = [];
    [Id(4)] public long Releases { get; set; }

    public int AllocatedTo(string orderId) => Confirmations.TryGetValue(orderId, out var list) ? list.Sum(c => c.Quantity) : 0;
}
