namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Weighted max-min fairness among the customers of one group (a tier), in continuous lots, by progressive filling:
/// a level λ rises and every customer still rising holds w_c × λ; a customer stops (freezes) when its demand or one
/// of its caps stops it, and the rise ends when the supply is used. The answer is x_c = min(u_c, w_c × λ*) under every
/// cap, with the excess of the capped customers shared by the others.
/// </summary>
/// <remarks>
/// <para>
/// A customer's queue is cut into segments (runs of consecutive orders under the same licence); while it fills a
/// segment it draws on that segment's licence. When every licence of the group belongs to one customer, each
/// customer's limit u_c is known before the rise starts, and sorting by u_c / w_c and sweeping once is enough
/// (<see cref="RunSorted"/>, the common case and the fast one). When customers share a licence, how much of it each
/// gets depends on how fast the others rise, so the rise is driven by events in a priority queue instead
/// (<see cref="RunEvents"/>): the level at which each rising customer stops, and the level at which each shared cap
/// runs out. A cap's use is linear in λ between events (used + λ Σw − Σ offset), so that level is one division; when
/// the cap runs out, every customer drawing on it settles its segment and moves on to its next one, or freezes.
/// That makes caps over groups of customers part of the computation rather than a trim afterwards.
/// </para>
/// <para>
/// Group caps of a later issue slot into <see cref="RunEvents"/> as more constraint sets of the same kind, and turn
/// <see cref="RunSorted"/> off for the groups they touch: a country quota is one more shared cap per destination
/// (segments are then cut on (licence, destination), and a segment draws on both); a destination ratio "CN ≤ r × US
/// in the week" is a set whose slack, used_CN − r × used_US, is also linear in λ, so its event is the level where
/// that slack reaches zero, and its handler freezes the members of both sides. Neither needs a new algorithm: a new
/// kind of <see cref="FillingEvent"/>, its level and its handler.
/// </para>
/// <para>
/// Doubles are fine here: this only says how much each customer deserves. <see cref="LotRounding"/> turns it into
/// whole lots through <see cref="WeekLedger"/>, which checks every cap in integers. Either path is O(k log k) in the
/// number k of customers and segments of the group.
/// </para>
/// </remarks>
internal sealed class ProgressiveFilling
{
    private const double Tolerance = 1e-9;

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
    private bool[] _rising = new bool[16];
    private int[] _version = new int[16];
    private int[] _memberPosition = new int[16];

    // Segments of the customers' queues.
    private int _segmentCount;
    private long[] _segmentDemand = new long[16];
    private int[] _segmentLicence = new int[16];
    private double[] _segmentAmount = new double[16];

    // Shared caps (licences), indexed like the book's licences; a run resets only those it touches.
    private readonly double[] _capUsed;
    private readonly double[] _capWeight;
    private readonly double[] _capOffset;
    private readonly List<int>?[] _capMembers;
    private readonly int[] _capVersion;
    private readonly bool[] _capExhausted;
    private readonly bool[] _capTouched;
    private readonly List<int> _touched = [];
    private readonly int[] _capOwner;
    private readonly int[] _capOwnerStamp;
    private int[] _capRoom = [];
    private int _stamp;
    private bool _capsShared;

    // The sorted sweep's scratch: each customer's limit and its limit / weight.
    private double[] _limit = new double[16];
    private double[] _limitLevel = new double[16];
    private int[] _byLimitLevel = new int[16];
    private double[] _weightFrom = new double[17];

    private double _level;
    private double _risingWeight;
    private double _frozenTotal;
    private int _risingCount;

    public ProgressiveFilling(int sharedCapCount)
    {
        _capUsed = new double[sharedCapCount];
        _capWeight = new double[sharedCapCount];
        _capOffset = new double[sharedCapCount];
        _capMembers = new List<int>?[sharedCapCount];
        _capVersion = new int[sharedCapCount];
        _capExhausted = new bool[sharedCapCount];
        _capTouched = new bool[sharedCapCount];
        _capOwner = new int[sharedCapCount];
        _capOwnerStamp = new int[sharedCapCount];
    }

    public int CustomerCount => _customerCount;

    /// <summary>Always drive the rise by events, even when a sorted sweep would do (tests compare the two).</summary>
    public bool EventsOnly { get; init; }

    public void Clear()
    {
        _customerCount = 0;
        _segmentCount = 0;
        _capsShared = false;
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

    /// <summary>Appends a segment to the queue of the customer added last; <paramref name="sharedCap"/> is -1 for none.</summary>
    public int AddSegment(long demandLots, int sharedCap)
    {
        if (_segmentCount == _segmentDemand.Length) GrowSegments();
        var s = _segmentCount++;
        _segmentDemand[s] = demandLots;
        _segmentLicence[s] = sharedCap;
        var customer = _customerCount - 1;
        _endSegment[customer] = _segmentCount;
        if (sharedCap >= 0)
        {
            if (_capOwnerStamp[sharedCap] != _stamp)
            {
                _capOwnerStamp[sharedCap] = _stamp;
                _capOwner[sharedCap] = customer;
            }
            else if (_capOwner[sharedCap] != customer)
            {
                _capsShared = true;
            }
        }
        return s;
    }

    /// <summary>What the customer deserves, in continuous lots.</summary>
    public double Allocation(int customer) => _allocation[customer];

    /// <summary>The part of that in one segment (zero for segments the customer never reached).</summary>
    public double SegmentAmount(int segment) => _segmentAmount[segment];

    public int FirstSegment(int customer) => _firstSegment[customer];

    public int EndSegment(int customer) => _endSegment[customer];

    /// <summary>Runs the rise with <paramref name="supplyLots"/> to share and the shared caps' room in lots.</summary>
    public void Run(long supplyLots, int[] sharedCapRoom)
    {
        _capRoom = sharedCapRoom;
        foreach (var cap in _touched) _capTouched[cap] = false;
        _touched.Clear();
        if (_capsShared || EventsOnly) RunEvents(supplyLots);
        else RunSorted(supplyLots);
    }

    /// <summary>
    /// When every cap belongs to one customer, each customer's limit u_c is known up front (its share cap, and its
    /// queue under its own licences' room), and the classic water-filling applies: sort by u_c / w_c, then one sweep
    /// gives the customers whose limit lies below the final level their limit and the others w_c × λ.
    /// </summary>
    private void RunSorted(long supplyLots)
    {
        if (_limit.Length < _customerCount)
        {
            _limit = new double[_weight.Length];
            _limitLevel = new double[_weight.Length];
            _byLimitLevel = new int[_weight.Length];
            _weightFrom = new double[_weight.Length + 1];
        }
        for (var i = 0; i < _customerCount; i++)
        {
            _limit[i] = Fill(i, double.PositiveInfinity, record: false);
            _limitLevel[i] = _limit[i] / _weight[i];
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
            _allocation[i] = _limit[i];
            supplyLeft -= _limit[i];
        }
        var level = reached < _customerCount ? Math.Max(0, supplyLeft) / _weightFrom[reached] : 0;
        for (var k = reached; k < _customerCount; k++)
        {
            var i = _byLimitLevel[k];
            _allocation[i] = Math.Min(_limit[i], _weight[i] * level);
        }
        for (var i = 0; i < _customerCount; i++) Fill(i, _allocation[i], record: true);
    }

    /// <summary>
    /// Pours <paramref name="amount"/> down the customer's queue, each segment up to its demand and its (own) licence's
    /// room, under the customer's share cap; returns what fitted. With <paramref name="record"/>, keeps the split.
    /// </summary>
    private double Fill(int i, double amount, bool record)
    {
        var left = Math.Min(amount, _cap[i]);
        double poured = 0;
        for (var s = _firstSegment[i]; s < _endSegment[i]; s++)
        {
            var cap = _segmentLicence[s];
            var room = (double)_segmentDemand[s];
            if (cap >= 0)
            {
                Touch(cap);
                room = Math.Min(room, _capRoom[cap] - _capUsed[cap]);
            }
            var part = Math.Max(0, Math.Min(room, left));
            if (cap >= 0) _capUsed[cap] += part;
            if (record) _segmentAmount[s] = part;
            poured += part;
            left -= part;
        }
        // A dry run leaves the licences as it found them.
        if (!record)
        {
            for (var s = _firstSegment[i]; s < _endSegment[i]; s++)
            {
                if (_segmentLicence[s] >= 0) _capUsed[_segmentLicence[s]] = 0;
            }
        }
        return poured;
    }

    /// <summary>Progressive filling driven by events, for groups where customers share a cap.</summary>
    private void RunEvents(long supplyLots)
    {
        _events.Clear();
        _level = 0;
        _risingWeight = 0;
        _frozenTotal = 0;
        _risingCount = 0;
        Array.Clear(_segmentAmount, 0, _segmentCount);

        for (var i = 0; i < _customerCount; i++)
        {
            _allocation[i] = 0;
            _settled[i] = 0;
            _version[i] = 0;
            _current[i] = _firstSegment[i];
            _rising[i] = true;
            _risingCount++;
            _risingWeight += _weight[i];
            if (_cap[i] <= 0) Freeze(i, 0);
            else if (!Enter(i)) Freeze(i, 0);
        }

        while (_risingCount > 0)
        {
            if (_risingWeight <= 0) _risingWeight = RisingWeight();
            var supplyLevel = (supplyLots - _frozenTotal) / _risingWeight;
            if (!TryPeekLive(out var next) || supplyLevel <= next.Level)
            {
                _level = Math.Max(_level, supplyLevel);
                break;
            }
            _events.Dequeue();
            _level = Math.Max(_level, next.Level);
            if (next.Kind == FillingEventKind.CustomerLimit) OnCustomerLimit(next.Id);
            else OnSharedCapExhausted(next.Id);
        }

        // Whoever still rises was stopped by the supply alone and holds w × λ*.
        for (var i = 0; i < _customerCount; i++)
        {
            if (!_rising[i]) continue;
            _allocation[i] = _weight[i] * _level;
            var s = _current[i];
            _segmentAmount[s] = Math.Clamp(_allocation[i] - _settled[i], 0, _segmentDemand[s]);
        }
    }

    private void OnCustomerLimit(int i)
    {
        var s = _current[i];
        var demandLevel = (_settled[i] + _segmentDemand[s]) / _weight[i];
        var capLevel = _cap[i] / _weight[i];
        if (demandLevel <= capLevel)
        {
            Settle(i, _segmentDemand[s]);
            if (_cap[i] - _settled[i] <= Tolerance) Freeze(i, _cap[i]);
            else if (!Enter(i)) Freeze(i, _settled[i]);
        }
        else
        {
            Settle(i, Math.Max(0, _cap[i] - _settled[i]));
            Freeze(i, _cap[i]);
        }
    }

    private void OnSharedCapExhausted(int cap)
    {
        _capExhausted[cap] = true;
        _capVersion[cap]++;
        var members = _capMembers[cap]!;
        _leaving.Clear();
        _leaving.AddRange(members);
        members.Clear();
        _capWeight[cap] = 0;
        _capOffset[cap] = 0;
        _capUsed[cap] = _capRoom[cap];
        foreach (var i in _leaving)
        {
            var s = _current[i];
            var amount = Math.Clamp(_weight[i] * _level - _settled[i], 0, _segmentDemand[s]);
            _segmentAmount[s] = amount;
            _settled[i] += amount;
            _current[i]++;
            if (_cap[i] - _settled[i] <= Tolerance) Freeze(i, _cap[i]);
            else if (!Enter(i)) Freeze(i, _settled[i]);
        }
    }

    /// <summary>Moves the customer to the next segment of its queue it can draw on; false when there is none.</summary>
    private bool Enter(int i)
    {
        for (; _current[i] < _endSegment[i]; _current[i]++)
        {
            var s = _current[i];
            var cap = _segmentLicence[s];
            if (_segmentDemand[s] <= 0 || (cap >= 0 && RoomLeft(cap) <= Tolerance)) continue;
            if (cap >= 0) Join(i, cap);
            _version[i]++;
            var demandLevel = (_settled[i] + _segmentDemand[s]) / _weight[i];
            var capLevel = _cap[i] / _weight[i];
            Schedule(new FillingEvent(Math.Min(demandLevel, capLevel), FillingEventKind.CustomerLimit, i, _version[i]));
            return true;
        }
        return false;
    }

    /// <summary>Closes the customer's current segment with <paramref name="amount"/> and moves past it.</summary>
    private void Settle(int i, double amount)
    {
        var s = _current[i];
        var cap = _segmentLicence[s];
        if (cap >= 0) Leave(i, cap, amount);
        _segmentAmount[s] = amount;
        _settled[i] += amount;
        _current[i]++;
    }

    private void Join(int i, int cap)
    {
        var members = _capMembers[cap]!;
        _memberPosition[i] = members.Count;
        members.Add(i);
        _capWeight[cap] += _weight[i];
        _capOffset[cap] += _settled[i];
        Reschedule(cap);
    }

    private void Leave(int i, int cap, double amount)
    {
        var members = _capMembers[cap]!;
        var position = _memberPosition[i];
        var last = members[^1];
        members[position] = last;
        _memberPosition[last] = position;
        members.RemoveAt(members.Count - 1);
        _capUsed[cap] += amount;
        if (members.Count == 0)
        {
            // Exact zeros rather than the drift of adding and subtracting weights.
            _capWeight[cap] = 0;
            _capOffset[cap] = 0;
        }
        else
        {
            _capWeight[cap] -= _weight[i];
            _capOffset[cap] -= _settled[i];
        }
        Reschedule(cap);
    }

    private void Reschedule(int cap)
    {
        _capVersion[cap]++;
        if (_capMembers[cap]!.Count == 0) return;
        var level = (_capRoom[cap] - _capUsed[cap] + _capOffset[cap]) / _capWeight[cap];
        Schedule(new FillingEvent(level, FillingEventKind.SharedCapExhausted, cap, _capVersion[cap]));
    }

    private void Schedule(FillingEvent next) => _events.Enqueue(next, next);

    /// <summary>Room the cap has left at the current level (its members' draw included).</summary>
    private double RoomLeft(int cap)
    {
        Touch(cap);
        if (_capExhausted[cap]) return 0;
        return _capRoom[cap] - _capUsed[cap] - (_level * _capWeight[cap] - _capOffset[cap]);
    }

    private void Touch(int cap)
    {
        if (_capTouched[cap]) return;
        _capTouched[cap] = true;
        _touched.Add(cap);
        _capUsed[cap] = 0;
        _capWeight[cap] = 0;
        _capOffset[cap] = 0;
        _capExhausted[cap] = false;
        _capVersion[cap] = 0;
        (_capMembers[cap] ??= []).Clear();
    }

    private void Freeze(int i, double allocation)
    {
        _rising[i] = false;
        _version[i]++;
        _allocation[i] = allocation;
        _frozenTotal += allocation;
        if (--_risingCount == 0) _risingWeight = 0;
        else _risingWeight -= _weight[i];
    }

    // Only when subtracting weights of very different sizes has drifted to nothing.
    private double RisingWeight()
    {
        double total = 0;
        for (var i = 0; i < _customerCount; i++)
        {
            if (_rising[i]) total += _weight[i];
        }
        return total;
    }

    private bool TryPeekLive(out FillingEvent next)
    {
        while (_events.TryPeek(out next, out _))
        {
            var live = next.Kind == FillingEventKind.CustomerLimit
                ? _rising[next.Id] && _version[next.Id] == next.Version
                : !_capExhausted[next.Id] && _capVersion[next.Id] == next.Version;
            if (live) return true;
            _events.Dequeue();
        }
        return false;
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
        Array.Resize(ref _rising, size);
        Array.Resize(ref _version, size);
        Array.Resize(ref _memberPosition, size);
    }

    private void GrowSegments()
    {
        var size = _segmentDemand.Length * 2;
        Array.Resize(ref _segmentDemand, size);
        Array.Resize(ref _segmentLicence, size);
        Array.Resize(ref _segmentAmount, size);
    }
}
