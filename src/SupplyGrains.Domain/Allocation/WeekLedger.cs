namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// One week of a run in lots: which orders are eligible (a "slot" each, in canonical order, so a customer's slots are
/// contiguous and in its queue order), the lots still to hand out, and every placement. All placements go through
/// <see cref="Place"/>, which clips to the order's remaining, its licence's room, the customer's share cap and the
/// week's lots: whatever the fair-share arithmetic proposes, no cap can be broken here.
/// </summary>
internal sealed class WeekLedger
{
    private readonly AllocationBook _book;
    private readonly int[] _slotOrder;
    private readonly int[] _slotLots;
    private readonly int[] _orderSlot;
    private readonly int[] _customerStart;
    private readonly int[] _customerEnd;
    private readonly int[] _cursor;
    private readonly long[] _customerLots;
    private readonly long[] _customerDemand;
    private readonly List<int> _customers = [];
    private int _slotCount;

    public WeekLedger(AllocationBook book)
    {
        _book = book;
        _slotOrder = new int[book.Orders.Length];
        _slotLots = new int[book.Orders.Length];
        _orderSlot = new int[book.Orders.Length];
        Array.Fill(_orderSlot, -1);
        _customerStart = new int[book.CustomerCount];
        _customerEnd = new int[book.CustomerCount];
        _cursor = new int[book.CustomerCount];
        _customerLots = new long[book.CustomerCount];
        _customerDemand = new long[book.CustomerCount];
    }

    /// <summary>Lots of the week not handed out yet.</summary>
    public long Pool { get; private set; }

    /// <summary>The most lots one customer may get this week.</summary>
    public long ShareCapLots { get; private set; }

    public int SlotCount => _slotCount;

    /// <summary>Customers with at least one eligible order, in canonical order (so grouped by tier).</summary>
    public IReadOnlyList<int> Customers => _customers;

    public AllocationBook Book => _book;

    public void Begin(IsoWeek week, long lots, long shareCapLots)
    {
        for (var s = 0; s < _slotCount; s++) _orderSlot[_slotOrder[s]] = -1;
        _slotCount = 0;
        _customers.Clear();
        Pool = lots;
        ShareCapLots = shareCapLots;
        for (var c = 0; c < _book.CustomerCount; c++)
        {
            var start = _slotCount;
            long demand = 0;
            // A customer's orders are in queue order, requested week first: the eligible ones are a prefix.
            for (var o = _book.CustomerFirstOrder[c]; o < _book.CustomerEndOrder[c] && _book.OrderWeek[o] <= week.Ordinal; o++)
            {
                if (_book.RemainingLots[o] == 0) continue;
                _slotOrder[_slotCount] = o;
                _slotLots[_slotCount] = 0;
                _orderSlot[o] = _slotCount;
                demand += _book.RemainingLots[o];
                _slotCount++;
            }
            if (_slotCount == start) continue;
            _customers.Add(c);
            _customerStart[c] = start;
            _customerEnd[c] = _slotCount;
            _cursor[c] = start;
            _customerLots[c] = 0;
            _customerDemand[c] = demand;
        }
    }

    public int FirstSlot(int customer) => _customerStart[customer];

    public int EndSlot(int customer) => _customerEnd[customer];

    public int OrderAt(int slot) => _slotOrder[slot];

    /// <summary>The week's slot of an order, or -1 when it is not eligible this week.</summary>
    public int SlotOf(int order) => _orderSlot[order];

    public int LotsAt(int slot) => _slotLots[slot];

    public int LicenceAt(int slot) => _book.OrderLicence[_slotOrder[slot]];

    public int RemainingAt(int slot) => _book.RemainingLots[_slotOrder[slot]];

    public long LotsOf(int customer) => _customerLots[customer];

    /// <summary>Lots the customer's eligible orders wanted at the start of the week.</summary>
    public long DemandOf(int customer) => _customerDemand[customer];

    /// <summary>The customer's place in tie-breaks: the queue rank of its first eligible order.</summary>
    public int QueueKeyOf(int customer) => _book.OrderQueueRank[_slotOrder[_customerStart[customer]]];

    /// <summary>Gives up to <paramref name="lots"/> to one slot of <paramref name="customer"/>; returns what fitted.</summary>
    public long Place(int customer, int slot, long lots)
    {
        var order = _slotOrder[slot];
        var fits = Math.Min(lots, Math.Min(_book.RemainingLots[order], Math.Min(Pool, ShareCapLots - _customerLots[customer])));
        var licence = _book.OrderLicence[order];
        if (licence >= 0) fits = Math.Min(fits, _book.LicenceRoomLots[licence]);
        if (fits <= 0) return 0;
        var given = (int)fits;
        _slotLots[slot] += given;
        _book.RemainingLots[order] -= given;
        if (licence >= 0) _book.LicenceRoomLots[licence] -= given;
        _customerLots[customer] += given;
        Pool -= given;
        return given;
    }

    /// <summary>One more lot to the customer's first order (in its queue) that can take one.</summary>
    public bool PlaceOne(int customer)
    {
        var slot = FirstOpenSlot(customer);
        return slot >= 0 && Place(customer, slot, 1) == 1;
    }

    /// <summary>Whether the customer could take one more lot if the week had one: under its share cap, with an open order.</summary>
    public bool HasRoom(int customer) => _customerLots[customer] < ShareCapLots && FirstOpenSlot(customer) >= 0;

    public bool CanTake(int customer) => Pool > 0 && HasRoom(customer);

    /// <summary>
    /// Takes one lot back from the customer's last served order, so what it keeps is still a prefix of its queue.
    /// Room comes back to a licence, so the customers' scan positions are no longer valid: call <see cref="Rewind"/>.
    /// </summary>
    public bool TakeBackOne(int customer)
    {
        for (var slot = _customerEnd[customer] - 1; slot >= _customerStart[customer]; slot--)
        {
            if (_slotLots[slot] == 0) continue;
            var order = _slotOrder[slot];
            _slotLots[slot]--;
            _book.RemainingLots[order]++;
            var licence = _book.OrderLicence[order];
            if (licence >= 0) _book.LicenceRoomLots[licence]++;
            _customerLots[customer]--;
            Pool++;
            return true;
        }
        return false;
    }

    public void Rewind(int customer) => _cursor[customer] = _customerStart[customer];

    /// <summary>Why the order at a slot got no more this week, read from the state after every tier was served.</summary>
    public StopReason ReasonAt(int slot)
    {
        var order = _slotOrder[slot];
        if (_book.RemainingLots[order] == 0) return StopReason.Demand;
        var licence = _book.OrderLicence[order];
        if (licence >= 0 && _book.LicenceRoomLots[licence] == 0) return StopReason.LicenseCap;
        if (_customerLots[_book.OrderCustomer[order]] >= ShareCapLots) return StopReason.CustomerShareCap;
        return StopReason.Supply;
    }

    private bool IsOpen(int slot)
    {
        var order = _slotOrder[slot];
        if (_book.RemainingLots[order] == 0) return false;
        var licence = _book.OrderLicence[order];
        return licence < 0 || _book.LicenceRoomLots[licence] > 0;
    }

    // Room only shrinks while lots are handed out, so a closed order stays closed and the scan position only advances
    // (each slot is passed once per week): that keeps lot-by-lot hand-outs linear.
    private int FirstOpenSlot(int customer)
    {
        var slot = _cursor[customer];
        var end = _customerEnd[customer];
        while (slot < end && !IsOpen(slot)) slot++;
        _cursor[customer] = slot;
        return slot < end ? slot : -1;
    }
}
