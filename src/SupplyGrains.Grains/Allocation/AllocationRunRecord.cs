using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The stored state of a run record. A run lists every eligible order in every week, so a record of 100k orders over
/// twelve weeks holds about half a million lines; a preview answers only once its record is durable, so the bytes
/// written are on the preview's path. Each id is stored once, front-coded in one blob (one copy for the serializer, not
/// a string each), and lines and orders are rows of varints (<see cref="PackedWriter"/>): under two bytes a line
/// instead of nine in fixed-width columns.
/// </summary>
/// <remarks>
/// Order <c>i</c> of the table is the run's <c>i</c>-th order; lines of orders the run does not list come after them.
/// Ids 1 to 9 held the columns of an earlier layout and stay retired.
/// </remarks>
[GenerateSerializer, Alias("SupplyGrains.AllocationRunRecord")]
public sealed class AllocationRunRecord
{
    /// <summary>The run without its weeks' lines and its orders, which are in the columns below.</summary>
    [Id(0)] public AllocationRunView? Run { get; set; }
    /// <summary>Each order id of the table, front-coded.</summary>
    [Id(10)] public byte[] OrderIds { get; set; } = [];
    /// <summary>Each customer id, front-coded.</summary>
    [Id(11)] public byte[] CustomerIds { get; set; } = [];
    /// <summary>Each order's customer (an index into the customer ids) as the step from the order before's, for every order of the table.</summary>
    [Id(12)] public byte[] OrderCustomers { get; set; } = [];
    /// <summary>Count, then each of the run's orders: tier, remaining before, allocated, what stopped it.</summary>
    [Id(13)] public byte[] Orders { get; set; } = [];
    [Id(14)] public StoredWeek[] Weeks { get; set; } = [];

    private const int ReasonBits = 3;

    // In place of a reason: the line says what the order's line before it said (most lines of a long run do,
    // "0, Supply" week after week), so its quantity is left out.
    private const int Repeat = (1 << ReasonBits) - 1;

    public static AllocationRunRecord From(AllocationRunView run)
    {
        // Packing the order ids (strings scattered over the heap) needs nothing else, so it runs beside the lines; the
        // ids of orders that only lines name are appended after.
        var table = new RunIdTable(run.Orders);
        var ids = new PackedWriter(run.Orders.Count * 16);
        var weeks = new StoredWeek[run.Weeks.Count];
        var orders = Array.Empty<byte>();
        Parallel.Invoke(
            () => WriteIds(ids, table.RunOrderIds, ""),
            () =>
            {
                orders = OrderRows(run.Orders);
                var lastLines = new List<AllocationLine?>(run.Orders.Count);
                for (var w = 0; w < weeks.Length; w++) weeks[w] = Week(run.Weeks[w], table, lastLines);
            });
        WriteIds(ids, table.ExtraOrderIds, table.RunOrderIds.LastOrDefault(""));
        var orderCustomers = table.OrderCustomers();
        var customerIds = new PackedWriter(table.CustomerIds.Count * 16);
        WriteIds(customerIds, table.CustomerIds, "");
        return new AllocationRunRecord
        {
            Run = run with { Weeks = [], Orders = [] },
            OrderIds = ids.ToArray(),
            CustomerIds = customerIds.ToArray(),
            OrderCustomers = orderCustomers,
            Orders = orders,
            Weeks = weeks,
        };
    }

    private static byte[] OrderRows(IReadOnlyList<OrderAllocation> orders)
    {
        var packed = new PackedWriter(4 + orders.Count * 4);
        packed.Write(orders.Count);
        foreach (var o in orders)
        {
            packed.Write(o.Tier);
            packed.Write(o.RemainingBefore);
            packed.Write(o.Allocated);
            packed.Write((byte)o.StoppedBy);
        }
        return packed.ToArray();
    }

    private static StoredWeek Week(WeekAllocation week, RunIdTable table, List<AllocationLine?> lastLines)
    {
        var lines = new PackedWriter(4 + week.Lines.Count * 2);
        lines.Write(week.Lines.Count);
        table.StartWeek();
        var previous = 0;
        foreach (var line in week.Lines)
        {
            var order = table.IndexOf(line.OrderId, line.CustomerId);
            while (lastLines.Count <= order) lastLines.Add(null);
            var step = (ulong)PackedWriter.Zigzag(order - previous) << ReasonBits;
            if (lastLines[order] is { } last && last.Quantity == line.Quantity && last.StoppedBy == line.StoppedBy)
            {
                lines.Write(step | Repeat);
            }
            else
            {
                lines.Write(step | Reason(line.StoppedBy));
                lines.Write(line.Quantity);
                lastLines[order] = line;
            }
            previous = order;
        }
        return new StoredWeek { Week = week.Week, Supply = week.Supply, Allocated = week.Allocated, CarriedOut = week.CarriedOut, Lines = lines.ToArray() };
    }

    private static void WriteIds(PackedWriter packed, IReadOnlyList<string> ids, string previous)
    {
        // Ids lie scattered over the silo's heap, each read a cache (and TLB) miss: reading the lengths of a few ahead
        // first, to reserve room for them, lets their misses overlap instead of coming one after the other.
        const int Ahead = 16;
        for (var start = 0; start < ids.Count; start += Ahead)
        {
            var end = Math.Min(start + Ahead, ids.Count);
            var chars = 0;
            for (var i = start; i < end; i++) chars += ids[i].Length;
            packed.Reserve(3 * chars + 10 * (end - start));
            for (var i = start; i < end; i++)
            {
                packed.Write(ids[i], previous);
                previous = ids[i];
            }
        }
    }

    public AllocationRunView? ToView()
    {
        if (Run is null) return null;
        // A run covers at least one week: none means the record was stored in the earlier layout.
        if (Weeks.Length == 0) throw new ConflictException($"Run record '{Run.Id}' is in a layout this version does not read; run it again.");
        var orderIds = Strings(OrderIds);
        var customerIds = Strings(CustomerIds);
        var customerOf = new PackedReader(OrderCustomers);
        var orderCustomers = new string[orderIds.Length];
        var customer = 0;
        for (var i = 0; i < orderCustomers.Length; i++) orderCustomers[i] = customerIds[customer += customerOf.ReadSigned()];

        var orders = new PackedReader(Orders);
        var results = new OrderAllocation[orders.ReadInt32()];
        for (var i = 0; i < results.Length; i++)
            results[i] = new OrderAllocation(orderIds[i], orderCustomers[i], orders.ReadInt32(), orders.ReadInt32(), orders.ReadInt32(), (StopReason)orders.ReadByte());

        // As the engine does: an order's line that says what its line before said is that same object.
        var last = new AllocationLine?[orderIds.Length];
        var weeks = new WeekAllocation[Weeks.Length];
        for (var w = 0; w < weeks.Length; w++)
        {
            var stored = Weeks[w];
            var reader = new PackedReader(stored.Lines);
            var lines = new AllocationLine[reader.ReadInt32()];
            var order = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                var head = reader.ReadUInt64();
                order += PackedReader.Unzigzag((uint)(head >> ReasonBits));
                var code = (int)(head & Repeat);
                lines[i] = code == Repeat
                    ? last[order] ?? throw new InvalidOperationException($"Run record '{Run.Id}' repeats a line it never stored.")
                    : last[order] = new AllocationLine(orderIds[order], orderCustomers[order], reader.ReadInt32(), (StopReason)code);
            }
            weeks[w] = new WeekAllocation(stored.Week, stored.Supply, stored.Allocated, stored.CarriedOut, lines);
        }
        return Run with { Weeks = weeks, Orders = results };
    }

    // What stopped a line shares a varint with the step to its order: three bits hold every reason there is.
    private static ulong Reason(StopReason reason) =>
        (uint)reason < Repeat ? (ulong)reason : throw new InvalidOperationException($"Stop reason {reason} does not fit the run record's layout.");

    private static string[] Strings(byte[] packed)
    {
        var reader = new PackedReader(packed);
        var strings = new List<string>();
        var previous = "";
        while (!reader.AtEnd) strings.Add(previous = reader.ReadId(previous));
        return [.. strings];
    }
}
