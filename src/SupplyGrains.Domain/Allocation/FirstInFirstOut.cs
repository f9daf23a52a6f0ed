using System.Runtime.InteropServices;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Fifo: orders strictly by tier, requested week, submission time and order id, each taking all that its caps and the
/// week's lots allow. An order held by its destination ratio waits for the reference orders of its tier that come
/// after it: each lot they take gives it room, and being ahead of them in the queue it takes that room first.
/// </summary>
internal sealed class FirstInFirstOut
{
    private readonly Queue<(int Position, int Slot)>[] _held;
    private readonly List<int> _stage = [];

    public FirstInFirstOut(int ratioCount)
    {
        _held = new Queue<(int, int)>[ratioCount];
        for (var k = 0; k < ratioCount; k++) _held[k] = new Queue<(int, int)>();
    }

    public void Serve(WeekLedger ledger)
    {
        var book = ledger.Book;
        var queue = book.FifoOrder;
        var customers = ledger.Customers;
        var next = 0;
        for (var start = 0; start < queue.Length && ledger.Pool > 0;)
        {
            var tier = book.CustomerTier[book.OrderCustomer[queue[start]]];
            var end = start;
            while (end < queue.Length && book.CustomerTier[book.OrderCustomer[queue[end]]] == tier) end++;
            foreach (var held in _held) held.Clear();
            for (var position = start; position < end && ledger.Pool > 0; position++)
            {
                var order = queue[position];
                var slot = ledger.SlotOf(order);
                if (slot < 0) continue;
                if (ledger.Place(book.OrderCustomer[order], slot, book.RemainingLots[order]) > 0 && ledger.OpensRatioRoom(slot))
                    ServeHeld(ledger, book.CountryCaps.ReferenceOf[ledger.CountryAt(slot)]);
                if (book.RemainingLots[order] > 0 && ledger.IsHeldByRatio(slot))
                    _held[book.CountryCaps.DestinationOf[ledger.CountryAt(slot)]].Enqueue((position, slot));
            }
            _stage.Clear();
            for (; next < customers.Count && book.CustomerTier[customers[next]] == tier; next++) _stage.Add(customers[next]);
            ledger.CloseStage(CollectionsMarshal.AsSpan(_stage));
            start = end;
        }
        // Tiers the week's lots never reached.
        _stage.Clear();
        for (; next < customers.Count; next++) _stage.Add(customers[next]);
        ledger.CloseStage(CollectionsMarshal.AsSpan(_stage));
    }

    /// <summary>Held orders of the given ratios take the room a reference lot opened, earliest in the queue first.</summary>
    private void ServeHeld(WeekLedger ledger, int[] ratios)
    {
        var book = ledger.Book;
        while (ledger.Pool > 0)
        {
            var pick = -1;
            foreach (var k in ratios)
            {
                if (_held[k].Count == 0 || ledger.IsHeldByRatio(_held[k].Peek().Slot)) continue;
                if (pick < 0 || _held[k].Peek().Position < _held[pick].Peek().Position) pick = k;
            }
            if (pick < 0) return;
            var slot = _held[pick].Peek().Slot;
            var order = ledger.OrderAt(slot);
            ledger.Place(book.OrderCustomer[order], slot, book.RemainingLots[order]);
            // Still held: the ratio's room is spent again and the order waits on; otherwise it has had its turn.
            if (book.RemainingLots[order] == 0 || !ledger.IsHeldByRatio(slot)) _held[pick].Dequeue();
        }
    }
}
