using System.Runtime.InteropServices;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The stored state of a run record. A run lists every eligible order in every week, so a record of 100k orders over
/// twelve weeks holds about a million lines; stored as records, each repeating its order and customer ids, that was
/// tens of megabytes per preview. Here each id is stored once and lines are columns of indexes, quantities and
/// reasons, about nine bytes a line. The integer columns are kept as raw bytes: the serializer copies a byte array in
/// one go, while an int array costs it a call and a field header per element (a quarter of a second a million lines).
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.AllocationRunRecord")]
public sealed class AllocationRunRecord
{
    /// <summary>The run without its weeks' lines and its orders, which are in the columns below.</summary>
    [Id(0)] public AllocationRunView? Run { get; set; }
    [Id(1)] public string[] OrderIds { get; set; } = [];
    [Id(2)] public string[] CustomerIds { get; set; } = [];
    [Id(3)] public byte[] OrderCustomer { get; set; } = [];
    [Id(4)] public StoredWeek[] Weeks { get; set; } = [];
    [Id(5)] public byte[] Orders { get; set; } = [];
    [Id(6)] public byte[] OrderTier { get; set; } = [];
    [Id(7)] public byte[] OrderRemainingBefore { get; set; } = [];
    [Id(8)] public byte[] OrderAllocated { get; set; } = [];
    [Id(9)] public byte[] OrderStoppedBy { get; set; } = [];

    public static AllocationRunRecord From(AllocationRunView run)
    {
        // By reference: a run's lines share the engine's id strings, so a pointer hash finds them without hashing a
        // million strings; an equal string that is another instance only costs a duplicate entry in the table.
        var orderIndex = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var customerIndex = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var orderCustomer = new List<int>();
        int Order(string orderId, string customerId)
        {
            if (orderIndex.TryGetValue(orderId, out var index)) return index;
            if (!customerIndex.TryGetValue(customerId, out var customer)) customerIndex[customerId] = customer = customerIndex.Count;
            orderCustomer.Add(customer);
            return orderIndex[orderId] = orderIndex.Count;
        }

        var weeks = run.Weeks.Select(w => new StoredWeek
        {
            Week = w.Week, Supply = w.Supply, Allocated = w.Allocated, CarriedOut = w.CarriedOut,
            Orders = Packed([.. w.Lines.Select(l => Order(l.OrderId, l.CustomerId))]),
            Quantities = Packed([.. w.Lines.Select(l => l.Quantity)]),
            StoppedBy = [.. w.Lines.Select(l => (byte)l.StoppedBy)],
        }).ToArray();
        return new AllocationRunRecord
        {
            Run = run with { Weeks = [], Orders = [] },
            Weeks = weeks,
            Orders = Packed([.. run.Orders.Select(o => Order(o.OrderId, o.CustomerId))]),
            OrderTier = Packed([.. run.Orders.Select(o => o.Tier)]),
            OrderRemainingBefore = Packed([.. run.Orders.Select(o => o.RemainingBefore)]),
            OrderAllocated = Packed([.. run.Orders.Select(o => o.Allocated)]),
            OrderStoppedBy = [.. run.Orders.Select(o => (byte)o.StoppedBy)],
            OrderIds = [.. orderIndex.OrderBy(o => o.Value).Select(o => o.Key)],
            CustomerIds = [.. customerIndex.OrderBy(c => c.Value).Select(c => c.Key)],
            OrderCustomer = Packed([.. orderCustomer]),
        };
    }

    public AllocationRunView? ToView()
    {
        if (Run is null) return null;
        var customerOf = Unpacked(OrderCustomer);
        var weeks = Weeks.Select(w =>
        {
            var (order, quantity) = (Unpacked(w.Orders), Unpacked(w.Quantities));
            return new WeekAllocation(w.Week, w.Supply, w.Allocated, w.CarriedOut, [.. Enumerable.Range(0, order.Length).Select(i =>
                new AllocationLine(OrderIds[order[i]], CustomerIds[customerOf[order[i]]], quantity[i], (StopReason)w.StoppedBy[i]))]);
        }).ToList();
        var (orders, tier, remaining, allocated) = (Unpacked(Orders), Unpacked(OrderTier), Unpacked(OrderRemainingBefore), Unpacked(OrderAllocated));
        var results = Enumerable.Range(0, orders.Length).Select(i => new OrderAllocation(OrderIds[orders[i]],
            CustomerIds[customerOf[orders[i]]], tier[i], remaining[i], allocated[i], (StopReason)OrderStoppedBy[i])).ToList();
        return Run with { Weeks = weeks, Orders = results };
    }

    // Little-endian on every platform .NET runs Orleans on; a record is read where it was written or on a peer.
    private static byte[] Packed(int[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static int[] Unpacked(byte[] bytes) => MemoryMarshal.Cast<byte, int>(bytes).ToArray();
}

/// <summary>One week of a stored run: its totals, and its lines as columns (order index, quantity, stop reason).</summary>
[GenerateSerializer, Alias("SupplyGrains.StoredWeek")]
public sealed class StoredWeek
{
    [Id(0)] public IsoWeek Week { get; set; }
    [Id(1)] public int Supply { get; set; }
    [Id(2)] public int Allocated { get; set; }
    [Id(3)] public int CarriedOut { get; set; }
    /// <summary>Each line's order (an index into the record's orders), as packed little-endian integers.</summary>
    [Id(4)] public byte[] Orders { get; set; } = [];
    /// <summary>Each line's quantity, as packed little-endian integers.</summary>
    [Id(5)] public byte[] Quantities { get; set; } = [];
    [Id(6)] public byte[] StoppedBy { get; set; } = [];
}
