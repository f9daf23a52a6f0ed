using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// A product line's allocation state: the confirmations of committed runs per order, the run history, and the
/// effects still to carry out. The book of orders is stored apart, in pages (<see cref="PagedBook"/>).
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.AllocationState")]
public sealed class AllocationState
{
    [Id(1)] public Dictionary<string, List<Confirmation>> Confirmations { get; set; } = [];
    [Id(2)] public List<RunSummary> Runs { get; set; } = [];
    [Id(3)] public List<PendingEffect> Outbox { get; set; } = [];
    [Id(4)] public long Releases { get; set; }
    /// <summary>
    /// Units taken off orders' confirmations (re-allocation takebacks, releases of rejected or cancelled orders), kept
    /// so an order's audit still shows what was once confirmed. Confirmations only grow by commits, which
    /// <see cref="Runs"/> and <see cref="Confirmations"/> already record, so only removals need a log of their own.
    /// </summary>
    [Id(5)] public Dictionary<string, List<ConfirmationRemoval>> Removals { get; set; } = [];

    public int AllocatedTo(string orderId) => Total(Confirmations.GetValueOrDefault(orderId));

    /// <summary>Units an order's confirmations add up to (none: 0).</summary>
    public static int Total(List<Confirmation>? confirmations) => confirmations?.Sum(c => c.Quantity) ?? 0;
}

/// <summary>Units taken off one confirmation, when, on whose word and why.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ConfirmationRemoval")]
public sealed record ConfirmationRemoval(Confirmation Taken, DateTimeOffset At, string By, string Kind, string Reason);
