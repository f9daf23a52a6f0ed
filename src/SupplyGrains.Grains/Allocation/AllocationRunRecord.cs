using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The stored state of a run record. A run lists every eligible order in every week, so a record of 100k orders over
/// twelve weeks holds about a million lines; stored as records, each repeating its order and customer ids, that was
/// tens of megabytes per preview. Here each id is stored once and lines are columns of indexes, quantities and
/// reasons, about nine bytes a line.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.AllocationRunRecord")]
public sealed class AllocationRunRecord
{
    /// <summary>The run without its weeks' lines and its orders, which are in the columns below.</summary>
    [Id(0)] public AllocationRunView? Run { get; set; }
    [Id(1)] public string[] OrderIds { get; set; } = [];
    [Id(2)] public string[] CustomerIds { get; set; } = [];
    [Id(3)] public int[] OrderCustomer { get; set; } = [];
    [Id(4)] public StoredWeek[] Weeks { get; set; } = [];
    [Id(5)] public int[] Orders { get; set; } = [];
    [Id(6)] public int[] OrderTier { get; set; } = [];
    [Id(7)] public int[] OrderRemainingBefore { get; set; } = [];
    [Id(8)] public int[] OrderAllocated { get; set; } = [];
    [Id(9)] public byte[] OrderStoppedBy { get; set; } = [];

    public static AllocationRunRecord From(AllocationRunView run)
    {
        var orderIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var customerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
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
            Orders = [.. w.Lines.Select(l => Order(l.OrderId, l.CustomerId))],
            Quantities = [.. w.Lines.Select(l => l.Quantity)],
            StoppedBy = [.. w.Lines.Select(l => (byte)l.StoppedBy)],
        }).ToArray();
        return new AllocationRunRecord
        {
            Run = run with { Weeks = [], Orders = [] },
            Weeks = weeks,
            Orders = [.. run.Orders.Select(o => Order(o.OrderId, o.CustomerId))],
            OrderTier = [.. run.Orders.Select(o => o.Tier)],
            OrderRemainingBefore = [.. run.Orders.Select(o => o.RemainingBefore)],
            OrderAllocated = [.. run.Orders.Select(o => o.Allocated)],
            OrderStoppedBy = [.. run.Orders.Select(o => (byte)o.StoppedBy)],
            OrderIds = [.. orderIndex.OrderBy(o => o.Value).Select(o => o.Key)],
            CustomerIds = [.. customerIndex.OrderBy(c => c.Value).Select(c => c.Key)],
            OrderCustomer = [.. orderCustomer],
        };
    }

    public AllocationRunView? ToView()
    {
        if (Run is null) return null;
        AllocationLine Line(StoredWeek w, int i) =>
            new(OrderIds[w.Orders[i]], CustomerIds[OrderCustomer[w.Orders[i]]], w.Quantities[i], (StopReason)w.StoppedBy[i]);
        var weeks = Weeks.Select(w => new WeekAllocation(w.Week, w.Supply, w.Allocated, w.CarriedOut,
            [.. Enumerable.Range(0, w.Orders.Length).Select(i => Line(w, i))])).ToList();
        var orders = Enumerable.Range(0, Orders.Length).Select(i => new OrderAllocation(OrderIds[Orders[i]],
            CustomerIds[OrderCustomer[Orders[i]]], OrderTier[i], OrderRemainingBefore[i], OrderAllocated[i], (StopReason)OrderStoppedBy[i])).ToList();
        return Run with { Weeks = weeks, Orders = orders };
    }
}

/// <summary>One week of a stored run: its totals, and its lines as columns (order index, quantity, stop reason).</summary>
[GenerateSerializer, Alias("SupplyGrains.StoredWeek")]
public sealed class StoredWeek
{
    [Id(0)] public IsoWeek Week { get; set; }
    [Id(1)] public int Supply { get; set; }
    [Id(2)] public int Allocated { get; set; }
    [Id(3)] public int CarriedOut { get; set; }
    [Id(4)] public int[] Orders { get; set; } = [];
    [Id(5)] public int[] Quantities { get; set; } = [];
    [Id(6)] public byte[] StoppedBy { get; set; } = [];
}
