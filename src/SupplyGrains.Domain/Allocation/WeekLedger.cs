namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// One week of a run in lots: which orders are eligible (a "slot" each, in canonical order, so a customer's slots are
/// contiguous and in its queue order), the lots still to hand out, and every placement. All placements go through
/// <see cref="Place"/>, which clips to the order's remaining, its licence's and its country quota's room, the
/// customer's share cap, its destination ratio and the week's lots: whatever the fair-share arithmetic proposes, no
/// cap can be broken here.
/// </summary>
/// <remarks>
/// A destination ratio is checked on the lots placed so far this week, in integers and decimals (lots of its destination
/// side, the destination and the countries that count together with it, ≤ floor(maxRatio × reference lots)), so it
/// holds after every placement: tiers served later can only add reference
/// lots, never take room back. Stop reasons are read when a stage (a group of customers served together) closes,
/// because a ratio's room can grow afterwards with reference lots of lower tiers that the stage had no claim on.
/// </remarks>
internal sealed class WeekLedger
{
    private readonly AllocationBook _book;
    private readonly CountryCaps _countryCaps;
    private readonly int[] _slotOrder;
    private readonly int[] _slotLots;
    private readonly StopReason[] _slotReason;
    private readonly int[] _slotRunEnd;
    private readonly int[] _orderSlot;
    private readonly int[] _customerStart;
    private readonly int[] _customerEnd;
    private readonly int[] _cursor;
    // A lot moved from under a shared cap rewinds the whole group; each customer's cursor is rewound when next read,
    // since a pass over the group for every lot moved made the repairs O(moves × customers).
    private readonly int[] _groupOf;
    private readonly int[] _rewoundAt;
    private int _group;
    private int _groupRewinds;
    private readonly long[] _customerLots;
    private readonly long[] _customerDemand;
    private readonly long[] _countryLots;
    private readonly long[] _ratioAllowed;
    private readonly long[] _ratioDestinationLots;
    private readonly bool[] _ratioStale;
    private readonly int[] _capFirstCustomer;
    private readonly bool[] _capShared;
    private readonly List<int> _customers = [];
    private int _slotCount;

    public WeekLedger(AllocationBook book)
    {
        _book = book;
        _countryCaps = book.CountryCaps;
        _slotOrder = new int[book.OrderCount];
        _slotLots = new int[book.OrderCount];
        _slotReason = new StopReason[book.OrderCount];
        _slotRunEnd = _countryCaps.RatioCount > 0 ? new int[book.OrderCount] : [];
        _orderSlot = new int[book.OrderCount];
        Array.Fill(_orderSlot, -1);
        _customerStart = new int[book.CustomerCount];
        _customerEnd = new int[book.CustomerCount];
        _cursor = new int[book.CustomerCount];
        _groupOf = new int[book.CustomerCount];
        _rewoundAt = new int[book.CustomerCount];
        _customerLots = new long[book.CustomerCount];
        _customerDemand = new long[book.CustomerCount];
        _countryLots = new long[_countryCaps.Countries.Length];
        _ratioAllowed = new long[_countryCaps.RatioCount];
        _ratioDestinationLots = new long[_countryCaps.RatioCount];
        _ratioStale = new bool[_countryCaps.RatioCount];
        _capFirstCustomer = new int[_countryCaps.SharedCapCount];
        _capShared = new bool[_countryCaps.SharedCapCount];
    }

    /// <summary>Lots of the week not handed out yet.</summary>
    public long Pool { get; private set; }

    /// <summary>The most lots one customer may get this week.</summary>
    public long ShareCapLots { get; private set; }

    public int SlotCount => _slotCount;

    /// <summary>Customers with at least one eligible order, in canonical order (so grouped by tier).</summary>
    public IReadOnlyList<int> Customers => _customers;

    public AllocationBook Book => _book;

    /// <summary>Counts every lot placed on an order to a ratio's reference: when it moves, held destination orders may take again.</summary>
    public long ReferenceLots { get; private set; }

    /// <summary>Lots placed this week on orders to each capped country (indexed like <see cref="CountryCaps.Countries"/>).</summary>
    public ReadOnlySpan<long> CountryLots => _countryLots;

    public void Begin(IsoWeek week, long lots, long shareCapLots)
    {
        for (var s = 0; s < _slotCount; s++) _orderSlot[_slotOrder[s]] = -1;
        _slotCount = 0;
        _customers.Clear();
        Pool = lots;
        ShareCapLots = shareCapLots;
        Array.Clear(_countryLots);
        Array.Clear(_ratioDestinationLots);
        Array.Fill(_ratioStale, true);
        Array.Fill(_capFirstCustomer, -1);
        Array.Clear(_capShared);
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
                NoteCapCustomer(_book.OrderLicence[o], c);
                NoteCapCustomer(QuotaOf(o), c);
                _slotCount++;
            }
            if (_slotCount == start) continue;
            _customers.Add(c);
            _customerStart[c] = start;
            _customerEnd[c] = _slotCount;
            _cursor[c] = start;
            _customerLots[c] = 0;
            _customerDemand[c] = demand;
            if (_slotRunEnd.Length == 0) continue;
            // Where each run of orders to one country ends, so a scan can pass a ratio-held run in one step.
            for (var s = _slotCount - 1; s >= start; s--)
            {
                _slotRunEnd[s] = s + 1 < _slotCount && CountryAt(s + 1) == CountryAt(s) ? _slotRunEnd[s + 1] : s + 1;
            }
        }
    }

    public int FirstSlot(int customer) => _customerStart[customer];

    public int EndSlot(int customer) => _customerEnd[customer];

    public int OrderAt(int slot) => _slotOrder[slot];

    /// <summary>Copies each slot's order, lots and stop reason (spans at least <see cref="SlotCount"/> long).</summary>
    public void CopySlots(Span<int> orders, Span<int> lots, Span<StopReason> reasons)
    {
        _slotOrder.AsSpan(0, _slotCount).CopyTo(orders);
        _slotLots.AsSpan(0, _slotCount).CopyTo(lots);
        _slotReason.AsSpan(0, _slotCount).CopyTo(reasons);
    }

    /// <summary>The week's slot of an order, or -1 when it is not eligible this week.</summary>
    public int SlotOf(int order) => _orderSlot[order];

    public int LotsAt(int slot) => _slotLots[slot];

    public int LicenceAt(int slot) => _book.OrderLicence[_slotOrder[slot]];

    /// <summary>The order's destination as a <see cref="CountryCaps"/> index, or -1 when no country cap names it.</summary>
    public int CountryAt(int slot) => _book.OrderCountry[_slotOrder[slot]];

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
        if (licence >= 0) fits = Math.Min(fits, _book.CapRoomLots[licence]);
        var country = _book.OrderCountry[order];
        var quota = country >= 0 ? _countryCaps.QuotaCap[country] : -1;
        if (quota >= 0) fits = Math.Min(fits, _book.CapRoomLots[quota]);
        if (country >= 0 && _countryCaps.DestinationOf[country] is var ratio and >= 0) fits = Math.Min(fits, RatioRoom(ratio));
        if (fits <= 0) return 0;
        var given = (int)fits;
        _slotLots[slot] += given;
        _book.RemainingLots[order] -= given;
        if (licence >= 0) _book.CapRoomLots[licence] -= given;
        if (quota >= 0) _book.CapRoomLots[quota] -= given;
        if (country >= 0) AddCountryLots(country, given);
        _customerLots[customer] += given;
        Pool -= given;
        return given;
    }

    /// <summary>Up to <paramref name="lots"/> more to the customer, down its queue from its first order that can take.</summary>
    public long PlaceLots(int customer, long lots)
    {
        long placed = 0;
        for (var slot = FirstOpenSlot(customer); slot >= 0 && slot < _customerEnd[customer] && placed < lots;)
        {
            if (IsHeldByRatio(slot))
            {
                slot = _slotRunEnd[slot];
                continue;
            }
            placed += Place(customer, slot, lots - placed);
            slot++;
        }
        return placed;
    }

    /// <summary>The slot the customer's next lot would go to, or -1.</summary>
    public int NextSlotFor(int customer)
    {
        if (_customerLots[customer] >= ShareCapLots) return -1;
        for (var slot = FirstOpenSlot(customer); slot >= 0 && slot < _customerEnd[customer];)
        {
            if (IsHeldByRatio(slot)) slot = _slotRunEnd[slot];
            else if (IsOpen(slot)) return slot;
            else slot++;
        }
        return -1;
    }

    /// <summary>One more lot to the customer's first order (in its queue) that can take one.</summary>
    public bool PlaceOne(int customer) => PlaceLots(customer, 1) == 1;

    /// <summary>One more lot to the customer, as <see cref="PlaceOne"/>; returns the slot it went to, or -1.</summary>
    public int PlaceOneAt(int customer)
    {
        var slot = NextSlotFor(customer);
        return slot >= 0 && Place(customer, slot, 1) == 1 ? slot : -1;
    }

    /// <summary>Whether every destination ratio holds on the lots placed this week.</summary>
    public bool RatiosHold()
    {
        for (var ratio = 0; ratio < _ratioAllowed.Length; ratio++)
        {
            if (RatioRoom(ratio) < 0) return false;
        }
        return true;
    }

    /// <summary>Whether the customer could take one more lot if the week had one: under its share cap, with an open order.</summary>
    public bool HasRoom(int customer) => NextSlotFor(customer) >= 0;

    public bool CanTake(int customer) => Pool > 0 && HasRoom(customer);

    /// <summary>Whether the customer could take a lot but for a destination ratio: under its share cap, its next open order held.</summary>
    public bool IsCustomerHeldByRatio(int customer) =>
        _customerLots[customer] < ShareCapLots && NextSlotFor(customer) < 0 && FirstOpenSlot(customer) is var slot and >= 0 && IsHeldByRatio(slot);

    /// <summary>Whether the order at a slot could take more but for its destination ratio.</summary>
    public bool IsHeldByRatio(int slot)
    {
        var country = CountryAt(slot);
        return country >= 0 && _countryCaps.DestinationOf[country] is var ratio and >= 0 && RatioRoom(ratio) <= 0;
    }

    /// <summary>Whether lots placed on orders to the slot's country give room to a destination ratio.</summary>
    public bool OpensRatioRoom(int slot)
    {
        var country = CountryAt(slot);
        return country >= 0 && _countryCaps.ReferenceOf[country].Length > 0;
    }

    /// <summary>
    /// Takes one lot back from the order at <paramref name="slot"/>. Room comes back to caps, so the customers' scan
    /// positions are no longer valid: call <see cref="Rewind"/>. A reference lot taken back can leave a destination
    /// ratio over its room: the caller moves the lot on and checks <see cref="RatiosHold"/>, or puts it back.
    /// </summary>
    public bool TakeBackAt(int customer, int slot)
    {
        if (_slotLots[slot] == 0) return false;
        TakeBack(customer, slot, 1);
        return true;
    }

    /// <summary>Takes back every lot the customer holds this week, as <see cref="TakeBackAt"/> does one: rewind after.</summary>
    public void TakeBackAll(int customer)
    {
        for (var slot = _customerStart[customer]; slot < _customerEnd[customer]; slot++)
        {
            if (_slotLots[slot] > 0) TakeBack(customer, slot, _slotLots[slot]);
        }
    }

    /// <summary>Hands <paramref name="lots"/> of the slot back to the pool, its order, its licence and its country.</summary>
    private void TakeBack(int customer, int slot, int lots)
    {
        var order = _slotOrder[slot];
        var country = _book.OrderCountry[order];
        _slotLots[slot] -= lots;
        _book.RemainingLots[order] += lots;
        var licence = _book.OrderLicence[order];
        if (licence >= 0) _book.CapRoomLots[licence] += lots;
        if (country >= 0)
        {
            if (_countryCaps.QuotaCap[country] is var quota and >= 0) _book.CapRoomLots[quota] += lots;
            AddCountryLots(country, -lots);
        }
        _customerLots[customer] -= lots;
        Pool += lots;
    }

    public void Rewind(int customer) => _cursor[customer] = _customerStart[customer];

    /// <summary>Makes <paramref name="customers"/> the group that <see cref="RewindGroup"/> rewinds.</summary>
    public void EnrolGroup(ReadOnlySpan<int> customers)
    {
        _group++;
        foreach (var customer in customers)
        {
            _groupOf[customer] = _group;
            _rewoundAt[customer] = _groupRewinds;
        }
    }

    /// <summary>As <see cref="Rewind"/> for every customer of the group last enrolled.</summary>
    public void RewindGroup() => _groupRewinds++;

    /// <summary>Whether room given back to the order at <paramref name="slot"/>'s caps can reopen another customer's orders.</summary>
    public bool SharesCaps(int slot)
    {
        var order = _slotOrder[slot];
        var licence = _book.OrderLicence[order];
        var quota = QuotaOf(order);
        return (licence >= 0 && _capShared[licence]) || (quota >= 0 && _capShared[quota]);
    }

    private int QuotaOf(int order) => _book.OrderCountry[order] is var country and >= 0 ? _countryCaps.QuotaCap[country] : -1;

    private void NoteCapCustomer(int cap, int customer)
    {
        if (cap < 0) return;
        if (_capFirstCustomer[cap] < 0) _capFirstCustomer[cap] = customer;
        else if (_capFirstCustomer[cap] != customer) _capShared[cap] = true;
    }

    /// <summary>Records why each order of <paramref name="customers"/> got no more, now that their stage is served.</summary>
    public void CloseStage(ReadOnlySpan<int> customers)
    {
        foreach (var customer in customers)
        {
            for (var slot = _customerStart[customer]; slot < _customerEnd[customer]; slot++) _slotReason[slot] = ReasonNow(slot);
        }
    }

    private StopReason ReasonNow(int slot)
    {
        var order = _slotOrder[slot];
        if (_book.RemainingLots[order] == 0) return StopReason.Demand;
        var licence = _book.OrderLicence[order];
        if (licence >= 0 && _book.CapRoomLots[licence] == 0) return StopReason.LicenseCap;
        if (_customerLots[_book.OrderCustomer[order]] >= ShareCapLots) return StopReason.CustomerShareCap;
        var country = _book.OrderCountry[order];
        if (country >= 0 && _countryCaps.QuotaCap[country] is var quota and >= 0 && _book.CapRoomLots[quota] == 0) return StopReason.CountryQuota;
        if (IsHeldByRatio(slot)) return StopReason.DestinationRatio;
        return StopReason.Supply;
    }

    /// <summary>Lots the destination ratio still allows this week: floor(maxRatio × reference lots) − lots of its destination side.</summary>
    private long RatioRoom(int ratio)
    {
        if (_ratioStale[ratio])
        {
            _ratioStale[ratio] = false;
            var reference = _countryLots[_countryCaps.RatioReference[ratio]];
            var max = _countryCaps.RatioMax[ratio];
            // A ratio so large that the product leaves the range of long allows anything the week has.
            _ratioAllowed[ratio] = reference == 0 ? 0
                : max >= long.MaxValue / (decimal)reference ? long.MaxValue
                : (long)decimal.Floor(max * reference);
        }
        return _ratioAllowed[ratio] - _ratioDestinationLots[ratio];
    }

    private void AddCountryLots(int country, int lots)
    {
        _countryLots[country] += lots;
        // The countries of a destination side count as one against their ratio.
        if (_countryCaps.DestinationOf[country] is var destinationOf and >= 0) _ratioDestinationLots[destinationOf] += lots;
        if (_countryCaps.ReferenceOf[country].Length == 0) return;
        ReferenceLots++;
        foreach (var ratio in _countryCaps.ReferenceOf[country]) _ratioStale[ratio] = true;
    }

    private bool IsOpen(int slot)
    {
        var order = _slotOrder[slot];
        if (_book.RemainingLots[order] == 0) return false;
        var licence = _book.OrderLicence[order];
        if (licence >= 0 && _book.CapRoomLots[licence] == 0) return false;
        var country = _book.OrderCountry[order];
        var quota = country >= 0 ? _countryCaps.QuotaCap[country] : -1;
        return quota < 0 || _book.CapRoomLots[quota] > 0;
    }

    // Remaining, licence and quota room only shrink while lots are handed out, so an order they close stays closed and
    // the scan position only advances (each slot is passed once per week): that keeps lot-by-lot hand-outs linear. A
    // ratio's room can grow back, so orders it holds are passed over by the callers, not by the scan position.
    private int FirstOpenSlot(int customer)
    {
        if (_groupOf[customer] == _group && _rewoundAt[customer] != _groupRewinds)
        {
            _rewoundAt[customer] = _groupRewinds;
            _cursor[customer] = _customerStart[customer];
        }
        var slot = _cursor[customer];
        var end = _customerEnd[customer];
        while (slot < end && !IsOpen(slot)) slot++;
        _cursor[customer] = slot;
        return slot < end ? slot : -1;
    }
}
