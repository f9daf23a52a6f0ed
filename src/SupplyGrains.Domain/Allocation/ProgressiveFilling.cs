namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Weighted max-min fairness among the customers of one group (a tier), in continuous lots, by progressive filling:
/// a level λ rises and every customer still rising holds w_c × λ; a customer stops (freezes) when its demand or one
/// of its caps stops it, and the rise ends when the supply is used. The answer is x_c = min(u_c, w_c × λ*) under every
/// cap, with the excess of the capped customers shared by the others.
/// </summary>
/// <remarks>
/// <para>
/// A customer's queue is cut into segments (runs of consecutive orders under the same licence and to the same capped
/// country); while it fills a segment it draws on that segment's licence and its country's quota. When every such cap
/// of the group belongs to one customer and no destination ratio is in play, each customer's limit u_c is known before
/// the rise starts, and sorting by u_c / w_c and sweeping once is enough (<see cref="RunSorted"/>, the common case and
/// the fast one). Otherwise the rise is driven by events in a priority queue (<see cref="RunEvents"/>): the level at
/// which each rising customer stops, the level at which each shared cap runs out, and the ratio events of
/// ProgressiveFilling.Ratios.cs. A cap's use is linear in λ between events, so each level is one division; when a cap
/// runs out, every customer drawing on it settles its segment and moves on to its next one, or freezes. A cap that
/// only one customer of the group draws on is folded into that customer's own limit.
/// </para>
/// <para>
/// Doubles are fine here: this only says how much each customer deserves. <see cref="LotRounding"/> turns it into
/// whole lots through <see cref="WeekLedger"/>, which checks every cap in integers. Either path is O(k log k) in the
/// number k of customers and segments of the group.
/// </para>
/// </remarks>
internal sealed partial class ProgressiveFilling
{
    private const double Tolerance = 1e-9;

    private readonly CountryCaps _countryCaps;
    private readonly PriorityQueue<FillingEvent, FillingEvent> _events = new();
    private readonly List<int> _leaving = [];

    // Customers, indexed in the group's tie-break order.
    private int _customerCount;
    private double[] _weight = new double[16];
    private double[] _cap = new double[16];
    private int[] _firstSegment = new int[16];
    private int[] _endSegment = new int[16];
    private int[] _current = new int[16];
    private double[] _settled = new double[16];
    private double[] _allocation = new double[16];
    private double[] _limit = new double[16];
    private Rise[] _rise = new Rise[16];
    private int[] _version = new int[16];
    private int[] _capPosition = new int[32];
    private int[] _countryPosition = new int[16];
    private int[] _passedOver = new int[16];

    // Segments of the customers' queues.
    private int _segmentCount;
    private long[] _segmentDemand = new long[16];
    private int[] _segmentLicence = new int[16];
    private int[] _segmentCountry = new int[16];
    private double[] _segmentAmount = new double[16];

    // Shared caps (licences, then country quotas), indexed like the book's; a run resets only those it touches.
    private readonly double[] _capUsed;
    private readonly double[] _capWeight;
    private readonly double[] _capOffset;
    private readonly double[] _capWaitDraw;
    private readonly int[] _capFree;
    private readonly int[] _capWaiting;
    private readonly List<int>?[] _capMembers;
    private readonly SharedCapEvents _capEvents;
    private readonly bool[] _capExhausted;
    private readonly bool[] _capTouched;
    private readonly bool[] _capDirty;
    private readonly List<int> _touched = [];
    private readonly List<int> _dirtyCaps = [];
    private readonly int[] _capOwner;
    private readonly int[] _capOwnerStamp;
    private readonly int[] _capSharedStamp;
    private readonly int[] _capVersion;
    private readonly double[] _capDueAt;
    private int[] _capRoom = [];
    private int _stamp = 1; // never the zero the stamp arrays start with
    private bool _capsShared;

    // The sorted sweep's scratch: each customer's limit and its limit / weight.
    private double[] _sweepLimit = new double[16];
    private double[] _limitLevel = new double[16];
    private int[] _byLimitLevel = new int[16];
    private double[] _weightFrom = new double[17];

    private double _level;
    private double _freeWeight;
    private int _freeCount;
    private double _frozenTotal;

    /// <param name="countryCaps">The run's country caps; their quotas are shared caps numbered after the licences.</param>
    public ProgressiveFilling(CountryCaps countryCaps)
    {
        _countryCaps = countryCaps;
        var capCount = countryCaps.SharedCapCount;
        _capUsed = new double[capCount];
        _capWeight = new double[capCount];
        _capOffset = new double[capCount];
        _capWaitDraw = new double[capCount];
        _capFree = new int[capCount];
        _capWaiting = new int[capCount];
        _capMembers = new List<int>?[capCount];
        _capEvents = new SharedCapEvents(capCount);
        _capExhausted = new bool[capCount];
        _capTouched = new bool[capCount];
        _capDirty = new bool[capCount];
        _capOwner = new int[capCount];
        _capOwnerStamp = new int[capCount];
        _capSharedStamp = new int[capCount];
        _capVersion = new int[capCount];
        _capDueAt = new double[capCount];
        InitialiseRatios(capCount);
    }

    /// <summary>How a customer takes part in the rise.</summary>
    private enum Rise : byte
    {
        /// <summary>Holds w × λ, the main level.</summary>
        Free,

        /// <summary>Holds w × μ, the level of its destination ratio's lockstep (μ ≤ λ).</summary>
        Bound,

        /// <summary>Entered a ratio's lockstep above its level μ, and holds what it had until μ reaches it.</summary>
        Waiting,

        /// <summary>Stopped for good.</summary>
        Frozen,
    }

    public int CustomerCount => _customerCount;

    /// <summary>Always drive the rise by events, even when a sorted sweep would do (tests compare the two).</summary>
    public bool EventsOnly { get; init; }

    public void Clear()
    {
        _customerCount = 0;
        _segmentCount = 0;
        _capsShared = false;
        _ratiosInPlay = false;
        _stamp++;
    }

    /// <summary>Adds a customer (the next in tie-break order) that may hold at most <paramref name="capLots"/>.</summary>
    public int AddCustomer(double weight, long capLots)
    {
        if (_customerCount == _weight.Length) GrowCustomers();
        var i = _customerCount++;
        _weight[i] = weight;
        _cap[i] = capLots;
        _firstSegment[i] = _segmentCount;
        _endSegment[i] = _segmentCount;
        return i;
    }

    /// <summary>
    /// Appends a segment to the queue of the customer added last: <paramref name="licence"/> is -1 for none,
    /// <paramref name="country"/> a <see cref="CountryCaps"/> index or -1 for a destination no cap names.
    /// </summary>
    public int AddSegment(long demandLots, int licence, int country)
    {
        if (_segmentCount == _segmentDemand.Length) GrowSegments();
        var s = _segmentCount++;
        _segmentDemand[s] = demandLots;
        _segmentLicence[s] = licence;
        _segmentCountry[s] = country;
        var customer = _customerCount - 1;
        _endSegment[customer] = _segmentCount;
        NoteOwner(licence, customer);
        NoteOwner(QuotaOf(s), customer);
        if (RatioOf(s) >= 0) _ratiosInPlay = true;
        return s;
    }

    /// <summary>What the customer deserves, in continuous lots.</summary>
    public double Allocation(int customer) => _allocation[customer];

    /// <summary>The part of that in one segment (zero for segments the customer never reached).</summary>
    public double SegmentAmount(int segment) => _segmentAmount[segment];

    public int FirstSegment(int customer) => _firstSegment[customer];

    public int EndSegment(int customer) => _endSegment[customer];

    /// <summary>
    /// Runs the rise with <paramref name="supplyLots"/> to share, the shared caps' room in lots, and the lots already
    /// placed this week on orders to each capped country (what the destination ratios count from).
    /// </summary>
    public void Run(long supplyLots, int[] sharedCapRoom, ReadOnlySpan<long> countryLots)
    {
        _capRoom = sharedCapRoom;
        foreach (var cap in _touched) _capTouched[cap] = false;
        _touched.Clear();
        if (_capsShared || _ratiosInPlay || EventsOnly) RunEvents(supplyLots, countryLots);
        else RunSorted(supplyLots);
    }

    private void NoteOwner(int cap, int customer)
    {
        if (cap < 0) return;
        if (_capOwnerStamp[cap] != _stamp)
        {
            _capOwnerStamp[cap] = _stamp;
            _capOwner[cap] = customer;
        }
        else if (_capOwner[cap] != customer)
        {
            _capSharedStamp[cap] = _stamp;
            _capsShared = true;
        }
    }

    private int QuotaOf(int s) => _segmentCountry[s] < 0 ? -1 : _countryCaps.QuotaCap[_segmentCountry[s]];

    private bool IsShared(int cap) => _capSharedStamp[cap] == _stamp;

    /// <summary>
    /// When every cap belongs to one customer, each customer's limit u_c is known up front (its share cap, and its
    /// queue under its own caps' room), and the classic water-filling applies: sort by u_c / w_c, then one sweep
    /// gives the customers whose limit lies below the final level their limit and the others w_c × λ.
    /// </summary>
    private void RunSorted(long supplyLots)
    {
        if (_sweepLimit.Length < _customerCount)
        {
            _sweepLimit = new double[_weight.Length];
            _limitLevel = new double[_weight.Length];
            _byLimitLevel = new int[_weight.Length];
            _weightFrom = new double[_weight.Length + 1];
        }
        for (var i = 0; i < _customerCount; i++)
        {
            _sweepLimit[i] = Fill(i, double.PositiveInfinity, record: false);
            _limitLevel[i] = _sweepLimit[i] / _weight[i];
            _byLimitLevel[i] = i;
        }
        Array.Sort(_limitLevel, _byLimitLevel, 0, _customerCount);

        // Weight still rising once the first k customers have reached their limits, summed rather than subtracted
        // so that weights of very different sizes (past purchases) leave no drift.
        _weightFrom[_customerCount] = 0;
        for (var k = _customerCount - 1; k >= 0; k--) _weightFrom[k] = _weightFrom[k + 1] + _weight[_byLimitLevel[k]];
        double supplyLeft = supplyLots;
        var reached = 0;
        for (; reached < _customerCount; reached++)
        {
            // The next customer reaches its limit if that level is affordable for every customer still rising.
            if (_limitLevel[reached] * _weightFrom[reached] > supplyLeft) break;
            var i = _byLimitLevel[reached];
            _allocation[i] = _sweepLimit[i];
            supplyLeft -= _sweepLimit[i];
        }
        var level = reached < _customerCount ? Math.Max(0, supplyLeft) / _weightFrom[reached] : 0;
        for (var k = reached; k < _customerCount; k++)
        {
            var i = _byLimitLevel[k];
            _allocation[i] = Math.Min(_sweepLimit[i], _weight[i] * level);
        }
        for (var i = 0; i < _customerCount; i++) Fill(i, _allocation[i], record: true);
    }

    /// <summary>
    /// Pours <paramref name="amount"/> down the customer's queue, each segment up to its demand and its (own) caps'
    /// room, under the customer's share cap; returns what fitted. With <paramref name="record"/>, keeps the split.
    /// </summary>
    private double Fill(int i, double amount, bool record)
    {
        var left = Math.Min(amount, _cap[i]);
        double poured = 0;
        for (var s = _firstSegment[i]; s < _endSegment[i]; s++)
        {
            var part = Math.Max(0, Math.Min(OwnRoom(s), left));
            Use(_segmentLicence[s], part);
            Use(QuotaOf(s), part);
            if (record) _segmentAmount[s] = part;
            poured += part;
            left -= part;
        }
        // A dry run leaves the caps as it found them.
        if (!record)
        {
            for (var s = _firstSegment[i]; s < _endSegment[i]; s++)
            {
                if (_segmentLicence[s] >= 0) _capUsed[_segmentLicence[s]] = 0;
                if (QuotaOf(s) is var quota and >= 0) _capUsed[quota] = 0;
            }
        }
        return poured;
    }

    /// <summary>The segment's demand, under the room left in the caps it draws on that no other customer shares.</summary>
    private double OwnRoom(int s)
    {
        double room = _segmentDemand[s];
        var licence = _segmentLicence[s];
        if (licence >= 0 && !IsShared(licence))
        {
            Touch(licence);
            room = Math.Min(room, _capRoom[licence] - _capUsed[licence]);
        }
        var quota = QuotaOf(s);
        if (quota >= 0 && !IsShared(quota))
        {
            Touch(quota);
            room = Math.Min(room, _capRoom[quota] - _capUsed[quota]);
        }
        return room;
    }

    private void Use(int cap, double amount)
    {
        if (cap < 0) return;
        Touch(cap);
        _capUsed[cap] += amount;
    }

    /// <summary>Progressive filling driven by events, for groups where customers share a cap or a ratio is in play.</summary>
    private void RunEvents(long supplyLots, ReadOnlySpan<long> countryLots)
    {
        _events.Clear();
        _capEvents.Clear();
        _level = 0;
        _freeWeight = 0;
        _freeCount = 0;
        _frozenTotal = 0;
        Array.Clear(_segmentAmount, 0, _segmentCount);
        foreach (var cap in _dirtyCaps) _capDirty[cap] = false;
        _dirtyCaps.Clear();
        ResetRatios(countryLots);

        for (var i = 0; i < _customerCount; i++)
        {
            _allocation[i] = 0;
            _settled[i] = 0;
            _version[i] = 0;
            _current[i] = _firstSegment[i];
            _passedOver[i] = -1;
            _rise[i] = Rise.Free;
            if (_cap[i] <= 0 || !Enter(i)) Freeze(i);
        }

        while (true)
        {
            FlushDirty();
            var (held, pace) = Holding();
            if (pace <= 0) break; // nothing rises any more
            var supplyLevel = _level + (supplyLots - held) / pace;
            if (!TryPeekLive(out var next) || supplyLevel <= next.Level)
            {
                _level = Math.Max(_level, supplyLevel);
                break;
            }
            Dequeue(next);
            _level = Math.Max(_level, next.Level);
            switch (next.Kind)
            {
                case FillingEventKind.CustomerLimit: OnCustomerLimit(next.Id); break;
                case FillingEventKind.SharedCapExhausted: OnSharedCapDue(next.Id); break;
                case FillingEventKind.RatioLockstep: OnRatioLockstep(next.Id); break;
                default: OnRatioBinds(next.Id); break;
            }
        }

        // Whoever still rises was stopped by the supply alone (or, in lockstep, by its ratio) and holds w × its level.
        for (var i = 0; i < _customerCount; i++)
        {
            if (_rise[i] == Rise.Frozen) continue;
            _allocation[i] = Held(i);
            _segmentAmount[_current[i]] += Math.Clamp(_allocation[i] - _settled[i], 0, _limit[i]);
        }
    }

    /// <summary>What all customers hold at the current level, and how fast that grows with λ.</summary>
    private (double Held, double Pace) Holding()
    {
        var held = _frozenTotal + _waitingHeld + _level * _freeWeight;
        var pace = _freeWeight;
        for (var k = 0; k < _countryCaps.RatioCount; k++)
        {
            if (!_ratioBound[k] || _ratioBoundCount[k] == 0) continue;
            var d = _ratioSide[k];
            held += _countryBoundWeight[d] * Mu(k);
            pace += _countryBoundWeight[d] * MuPace(k);
        }
        return (held, pace);
    }

    /// <summary>What the customer holds now in all (its settled segments and its current draw).</summary>
    private double Held(int i) => _rise[i] switch
    {
        Rise.Free => _weight[i] * _level,
        Rise.Bound => _weight[i] * Mu(_ratioOfCustomer[i]),
        Rise.Waiting => _weight[i] * _waitLevel[i],
        _ => _allocation[i],
    };

    private void OnCustomerLimit(int i)
    {
        var demandLevel = (_settled[i] + _limit[i]) / _weight[i];
        var capLevel = _cap[i] / _weight[i];
        if (demandLevel <= capLevel)
        {
            Settle(i, _limit[i]);
            if (_cap[i] - _settled[i] <= Tolerance || !Enter(i)) Freeze(i);
        }
        else
        {
            Settle(i, Math.Max(0, _cap[i] - _settled[i]));
            Freeze(i);
        }
    }

    /// <summary>
    /// Moves the customer to the next segment of its queue it can draw on; false when there is none. A customer held
    /// below the main level by a ratio can only go on with that ratio's orders. A free customer passes over orders
    /// held by a bound ratio when a later one can take it, as it passes over an exhausted licence; when none can, it
    /// goes back to the earliest it passed over (the ratio may have room again, or it joins that ratio's lockstep, or
    /// waits for it), so that room a ratio gains later does not go unused.
    /// </summary>
    private bool Enter(int i)
    {
        if (_rise[i] is Rise.Bound or Rise.Waiting) return EnterBelow(i);
        for (; _current[i] < _endSegment[i]; _current[i]++)
        {
            var s = _current[i];
            var limit = RoomFor(s);
            if (limit <= Tolerance) continue;
            var ratio = RatioOf(s);
            if (ratio >= 0 && _ratioBound[ratio])
            {
                if (_passedOver[i] < 0) _passedOver[i] = s;
                continue;
            }
            _limit[i] = limit;
            Attach(i, Rise.Free, -1, 0);
            return true;
        }
        if (_passedOver[i] < 0) return false;
        for (_current[i] = _passedOver[i]; _current[i] < _endSegment[i]; _current[i]++)
        {
            var s = _current[i];
            var limit = RoomFor(s);
            if (limit <= Tolerance) continue;
            _limit[i] = limit;
            var ratio = RatioOf(s);
            if (ratio < 0 || !_ratioBound[ratio])
            {
                _passedOver[i] = -1;
                Attach(i, Rise.Free, -1, 0);
                return true;
            }
            _passedOver[i] = -1;
            var level = _settled[i] / _weight[i];
            if (_ratioBoundCount[ratio] > 0 && level <= Mu(ratio) + Tolerance) Attach(i, Rise.Bound, ratio, 0);
            else Attach(i, Rise.Waiting, ratio, level);
            return true;
        }
        _passedOver[i] = -1;
        return false;
    }

    /// <summary>A customer held below the main level by a ratio goes on with that ratio's next order, at its own level.</summary>
    private bool EnterBelow(int i)
    {
        var ratio = _ratioOfCustomer[i];
        for (; _current[i] < _endSegment[i]; _current[i]++)
        {
            var s = _current[i];
            if (RatioOf(s) != ratio) continue;
            var limit = RoomFor(s);
            if (limit <= Tolerance) continue;
            _limit[i] = limit;
            var level = _settled[i] / _weight[i];
            if (_rise[i] == Rise.Bound || (_ratioBoundCount[ratio] > 0 && level <= Mu(ratio) + Tolerance)) Attach(i, Rise.Bound, ratio, 0);
            else Attach(i, Rise.Waiting, ratio, level);
            return true;
        }
        return false;
    }

    /// <summary>How much more the segment can take: what its demand still wants under its own caps, or nothing when a shared cap is spent.</summary>
    private double RoomFor(int s)
    {
        if (_segmentDemand[s] - _segmentAmount[s] <= Tolerance) return 0;
        var licence = _segmentLicence[s];
        var quota = QuotaOf(s);
        if ((licence >= 0 && IsShared(licence)) || (quota >= 0 && IsShared(quota))) TakeLockstepLevels();
        if (licence >= 0 && IsShared(licence) && RoomLeft(licence) <= Tolerance) return 0;
        if (quota >= 0 && IsShared(quota) && RoomLeft(quota) <= Tolerance) return 0;
        return Math.Min(OwnRoom(s), _segmentDemand[s] - _segmentAmount[s]);
    }

    /// <summary>Starts the customer on its current segment, rising as <paramref name="rise"/> says.</summary>
    private void Attach(int i, Rise rise, int ratio, double waitLevel)
    {
        _rise[i] = rise;
        _ratioOfCustomer[i] = ratio;
        _waitLevel[i] = waitLevel;
        var s = _current[i];
        Link(i, s);
        Count(i, s, +1);
        Schedule(i);
    }

    /// <summary>Closes the customer's current segment with <paramref name="amount"/> and moves past it.</summary>
    private void Settle(int i, double amount)
    {
        var s = _current[i];
        Count(i, s, -1);
        Unlink(i, s);
        UseAfterLeaving(_segmentLicence[s], amount);
        UseAfterLeaving(QuotaOf(s), amount);
        if (_segmentCountry[s] >= 0) SettleCountry(_segmentCountry[s], amount);
        // A segment passed over for a ratio can be drawn on twice: before and after.
        _segmentAmount[s] += amount;
        _settled[i] += amount;
        _current[i]++;
    }

    /// <summary>Changes how the customer rises without leaving its segment (binding, unbinding, joining a lockstep).</summary>
    private void Switch(int i, Rise rise, int ratio)
    {
        var s = _current[i];
        Count(i, s, -1);
        _rise[i] = rise;
        _ratioOfCustomer[i] = ratio;
        Count(i, s, +1);
        Schedule(i);
    }

    private void Freeze(int i)
    {
        _rise[i] = Rise.Frozen;
        _version[i]++;
        _allocation[i] = _settled[i];
        _frozenTotal += _settled[i];
    }

    private void Schedule(int i)
    {
        var version = ++_version[i];
        if (_rise[i] == Rise.Waiting)
        {
            ScheduleOnRatio(_ratioOfCustomer[i], new FillingEvent(_waitLevel[i], FillingEventKind.JoinsLockstep, i, version));
            return;
        }
        var s = _current[i];
        var level = Math.Min((_settled[i] + _limit[i]) / _weight[i], _cap[i] / _weight[i]);
        var limit = new FillingEvent(level, FillingEventKind.CustomerLimit, i, version);
        if (_rise[i] == Rise.Bound) ScheduleOnRatio(_ratioOfCustomer[i], limit);
        else _events.Enqueue(limit, limit);
    }

    /// <summary>Adds (<paramref name="sign"/> +1) or removes (-1) what the customer draws to its segment's shared caps, country and rise.</summary>
    private void Count(int i, int s, int sign)
    {
        var w = sign * _weight[i];
        switch (_rise[i])
        {
            case Rise.Free:
                _freeWeight = (_freeCount += sign) == 0 ? 0 : _freeWeight + w;
                break;
            case Rise.Bound:
                _ratioBoundCount[_ratioOfCustomer[i]] += sign;
                break;
            case Rise.Waiting:
                _waitingHeld += w * _waitLevel[i];
                _ratioWaitingCount[_ratioOfCustomer[i]] += sign;
                break;
        }
        CountOnCap(_segmentLicence[s], i, sign);
        CountOnCap(QuotaOf(s), i, sign);
        if (_segmentCountry[s] >= 0) CountOnCountry(_segmentCountry[s], i, sign);
    }

    private void Link(int i, int s)
    {
        LinkCap(_segmentLicence[s], i, 0);
        LinkCap(QuotaOf(s), i, 1);
        if (_segmentCountry[s] >= 0) LinkCountry(_segmentCountry[s], i);
    }

    private void Unlink(int i, int s)
    {
        UnlinkCap(_segmentLicence[s], i, 0);
        UnlinkCap(QuotaOf(s), i, 1);
        if (_segmentCountry[s] >= 0) UnlinkCountry(_segmentCountry[s], i);
    }

    /// <summary>The next live event: the earlier of the main queue's (past its stale ones) and the caps' own.</summary>
    private bool TryPeekLive(out FillingEvent next)
    {
        var hasCap = _capEvents.TryPeek(out var capNext);
        while (_events.TryPeek(out next, out _))
        {
            var live = next.Kind == FillingEventKind.CustomerLimit
                ? _rise[next.Id] == Rise.Free && _version[next.Id] == next.Version
                : _ratioVersion[next.Id] == next.Version;
            if (live)
            {
                if (hasCap && capNext.CompareTo(next) < 0) next = capNext;
                return true;
            }
            _events.Dequeue();
        }
        next = capNext;
        return hasCap;
    }

    private void Dequeue(FillingEvent next)
    {
        if (next.Kind == FillingEventKind.SharedCapExhausted) _capEvents.Remove(next.Id);
        else _events.Dequeue();
    }

    private void GrowCustomers()
    {
        var size = _weight.Length * 2;
        Array.Resize(ref _weight, size);
        Array.Resize(ref _cap, size);
        Array.Resize(ref _firstSegment, size);
        Array.Resize(ref _endSegment, size);
        Array.Resize(ref _current, size);
        Array.Resize(ref _settled, size);
        Array.Resize(ref _allocation, size);
        Array.Resize(ref _limit, size);
        Array.Resize(ref _rise, size);
        Array.Resize(ref _version, size);
        Array.Resize(ref _capPosition, 2 * size);
        Array.Resize(ref _countryPosition, size);
        Array.Resize(ref _passedOver, size);
        Array.Resize(ref _ratioOfCustomer, size);
        Array.Resize(ref _waitLevel, size);
    }

    private void GrowSegments()
    {
        var size = _segmentDemand.Length * 2;
        Array.Resize(ref _segmentDemand, size);
        Array.Resize(ref _segmentLicence, size);
        Array.Resize(ref _segmentCountry, size);
        Array.Resize(ref _segmentAmount, size);
    }
}
