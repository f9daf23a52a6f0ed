namespace SupplyGrains.Domain.Allocation;

/// <remarks>
/// <para>
/// Destination ratios ("CN ≤ r × US in the week"). Each capped country keeps what its orders draw as a linear function
/// of the level, like a shared cap: settled amounts, plus λ × the weight of its free members minus what they had
/// settled before. A ratio's slack, r × (reference before + reference draw) − (destination before + destination draw),
/// is then linear in λ too, and while it lasts the destination's customers rise with everybody.
/// </para>
/// <para>
/// When the slack reaches zero (<see cref="FillingEventKind.RatioBinds"/>), the destination's customers that have
/// another order to go on with pass over the held ones, as they would over a spent licence; the others go on in
/// lockstep: they all hold w × μ, at a common level μ ≤ λ that keeps the ratio exactly tight. The reference side is
/// never raised for them, so μ follows from λ: μ = (r × reference(λ) − destination's fixed draw + offsets) / Σw,
/// rising at r × (reference weight) / Σw per unit of λ, and standing still when the reference stops. Events of the
/// lockstep's own members (a limit, or a customer waiting above μ that μ now reaches) live on μ's scale in a queue of
/// the ratio's own, so a change of pace moves one event, not one per member; the main queue holds only the ratio's
/// next one (<see cref="FillingEventKind.RatioLockstep"/>). When members leave and the pace reaches 1 or more, μ climbs
/// back to λ and the members rejoin the main rise. A shared cap whose members are partly in lockstep has an edge on
/// λ's scale and one on each μ's (<see cref="Reschedule"/>), so a change of pace moves none of them.
/// </para>
/// <para>
/// A ratio whose destination side has several countries (CN together with MO) counts them as one: the country sums
/// below are kept per side, every country of a destination side adding to the slot of the side's first country
/// (<see cref="_countrySide"/>), so the side's members are the union of its countries' and a side of one costs what a
/// single destination did. Quotas stay per country: they are shared caps, not part of these sums.
/// </para>
/// </remarks>
internal sealed partial class ProgressiveFilling
{
    private readonly List<int> _dirtyRatios = [];
    private int[] _ratioOfCustomer = new int[16];
    private double[] _waitLevel = new double[16];
    private double _waitingHeld;
    private bool _ratiosInPlay;

    // Countries named by a ratio: what their orders draw, split by how their drawers rise.
    private double[] _countryUsed = [];
    private double[] _countryWeight = [];
    private double[] _countryOffset = [];
    private double[] _countryBoundWeight = [];
    private double[] _countryBoundOffset = [];
    private double[] _countryWaitDraw = [];
    private int[] _countryFree = [];
    private int[] _countryBound = [];
    private int[] _countryWaiting = [];
    private List<int>[] _countryMembers = [];
    private bool[] _countryInRatio = [];

    // Where a country's sums are kept: the first country of its ratio's destination side, or itself. Each ratio's
    // destination side is read at _ratioSide[k].
    private int[] _countrySide = [];
    private int[] _ratioSide = [];

    // Ratios.
    private bool[] _ratioBound = [];
    private bool[] _ratioDirty = [];
    private int[] _ratioVersion = [];
    private int[] _ratioBoundCount = [];
    private int[] _ratioWaitingCount = [];
    private double[] _ratioBase = [];
    private PriorityQueue<FillingEvent, FillingEvent>[] _ratioEvents = [];

    // Shared caps' members in lockstep, per (cap, ratio): flat arrays of cap × ratio count.
    private double[] _capBoundWeight = [];
    private double[] _capBoundOffset = [];
    private int[] _capBoundCount = [];

    // Each ratio's μ and dμ/dλ as last taken: a flush reschedules every changed cap a lockstep draws on from one reading.
    private double[] _lockstepMu = [];
    private double[] _lockstepPace = [];

    private void InitialiseRatios(int capCount)
    {
        var countries = _countryCaps.Countries.Length;
        var ratios = _countryCaps.RatioCount;
        if (ratios == 0) return;
        _countryUsed = new double[countries];
        _countryWeight = new double[countries];
        _countryOffset = new double[countries];
        _countryBoundWeight = new double[countries];
        _countryBoundOffset = new double[countries];
        _countryWaitDraw = new double[countries];
        _countryFree = new int[countries];
        _countryBound = new int[countries];
        _countryWaiting = new int[countries];
        _countryMembers = new List<int>[countries];
        _countryInRatio = new bool[countries];
        _countrySide = new int[countries];
        _ratioSide = new int[ratios];
        for (var k = 0; k < ratios; k++) _ratioSide[k] = _countryCaps.RatioDestinations[k][0];
        for (var c = 0; c < countries; c++)
        {
            _countryMembers[c] = [];
            _countryInRatio[c] = _countryCaps.DestinationOf[c] >= 0 || _countryCaps.ReferenceOf[c].Length > 0;
            _countrySide[c] = _countryCaps.DestinationOf[c] is var k and >= 0 ? _ratioSide[k] : c;
        }
        _ratioBound = new bool[ratios];
        _ratioDirty = new bool[ratios];
        _ratioVersion = new int[ratios];
        _ratioBoundCount = new int[ratios];
        _ratioWaitingCount = new int[ratios];
        _ratioBase = new double[ratios];
        _ratioEvents = new PriorityQueue<FillingEvent, FillingEvent>[ratios];
        for (var k = 0; k < ratios; k++)
        {
            _ratioEvents[k] = new PriorityQueue<FillingEvent, FillingEvent>();
        }
        _capBoundWeight = new double[capCount * ratios];
        _capBoundOffset = new double[capCount * ratios];
        _capBoundCount = new int[capCount * ratios];
        _lockstepMu = new double[ratios];
        _lockstepPace = new double[ratios];
    }

    private void ResetRatios(ReadOnlySpan<long> countryLots)
    {
        _waitingHeld = 0;
        var ratios = _countryCaps.RatioCount;
        if (ratios == 0) return;
        for (var c = 0; c < _countryUsed.Length; c++)
        {
            _countryUsed[c] = 0;
            _countryMembers[c].Clear();
            ZeroCountry(c);
        }
        foreach (var k in _dirtyRatios) _ratioDirty[k] = false;
        _dirtyRatios.Clear();
        for (var k = 0; k < ratios; k++)
        {
            _ratioBound[k] = false;
            _ratioBoundCount[k] = 0;
            _ratioWaitingCount[k] = 0;
            _ratioEvents[k].Clear();
            // What earlier stages of the week placed: the room this group starts from.
            long destination = 0;
            foreach (var d in _countryCaps.RatioDestinations[k]) destination += countryLots[d];
            _ratioBase[k] = _countryCaps.RatioMaxApproximate[k] * countryLots[_countryCaps.RatioReference[k]] - destination;
        }
    }

    /// <summary>The ratio the segment's orders are the destination of, or -1.</summary>
    private int RatioOf(int s) => _segmentCountry[s] < 0 ? -1 : _countryCaps.DestinationOf[_segmentCountry[s]];

    /// <summary>What the ratio allows its destination at the current level: r × reference − destination before this group.</summary>
    private double Allowed(int k)
    {
        var reference = _countryCaps.RatioReference[k];
        return _ratioBase[k] + _countryCaps.RatioMaxApproximate[k]
            * (_countryUsed[reference] + _level * _countryWeight[reference] - _countryOffset[reference]);
    }

    /// <summary>What the destination side's customers draw at the current level, apart from those in lockstep.</summary>
    private double DestinationDraw(int k)
    {
        var d = _ratioSide[k];
        return _countryUsed[d] + _countryWaitDraw[d] + (_level * _countryWeight[d] - _countryOffset[d]);
    }

    /// <summary>The lockstep level of a bound ratio: the level at which its members' draw makes the ratio exactly tight.</summary>
    private double Mu(int k)
    {
        var d = _ratioSide[k];
        return (Allowed(k) - DestinationDraw(k) + _countryBoundOffset[d]) / _countryBoundWeight[d];
    }

    /// <summary>dμ/dλ: the reference's growth, times the ratio, shared by the weight in lockstep.</summary>
    private double MuPace(int k)
    {
        var d = _ratioSide[k];
        var reference = _countryCaps.RatioReference[k];
        return (_countryCaps.RatioMaxApproximate[k] * _countryWeight[reference] - _countryWeight[d]) / _countryBoundWeight[d];
    }

    private void CountOnCountry(int c, int i, int sign)
    {
        if (_countryInRatio.Length == 0 || !_countryInRatio[c]) return;
        c = _countrySide[c];
        var w = sign * _weight[i];
        var settled = sign * _settled[i];
        // Sums drop to exact zeros with their last member: a drift of 1e-16 in a weight would be a pace.
        switch (_rise[i])
        {
            case Rise.Free:
                _countryWeight[c] = (_countryFree[c] += sign) == 0 ? 0 : _countryWeight[c] + w;
                _countryOffset[c] = _countryFree[c] == 0 ? 0 : _countryOffset[c] + settled;
                break;
            case Rise.Bound:
                _countryBoundWeight[c] = (_countryBound[c] += sign) == 0 ? 0 : _countryBoundWeight[c] + w;
                _countryBoundOffset[c] = _countryBound[c] == 0 ? 0 : _countryBoundOffset[c] + settled;
                break;
            case Rise.Waiting:
                _countryWaitDraw[c] = (_countryWaiting[c] += sign) == 0 ? 0 : _countryWaitDraw[c] + w * _waitLevel[i] - settled;
                break;
        }
        MarkCountryDirty(c);
    }

    private void LinkCountry(int c, int i)
    {
        if (_countryInRatio.Length == 0 || !_countryInRatio[c]) return;
        c = _countrySide[c];
        _countryPosition[i] = _countryMembers[c].Count;
        _countryMembers[c].Add(i);
    }

    private void UnlinkCountry(int c, int i)
    {
        if (_countryInRatio.Length == 0 || !_countryInRatio[c]) return;
        c = _countrySide[c];
        var members = _countryMembers[c];
        var position = _countryPosition[i];
        var last = members[^1];
        members[position] = last;
        _countryPosition[last] = position;
        members.RemoveAt(members.Count - 1);
        if (members.Count == 0) ZeroCountry(c);
    }

    private void SettleCountry(int c, double amount)
    {
        if (_countryInRatio.Length == 0 || !_countryInRatio[c]) return;
        c = _countrySide[c];
        _countryUsed[c] += amount;
        MarkCountryDirty(c);
    }

    // Exact zeros rather than the drift of adding and subtracting weights.
    private void ZeroCountry(int c)
    {
        _countryFree[c] = 0;
        _countryBound[c] = 0;
        _countryWaiting[c] = 0;
        _countryWeight[c] = 0;
        _countryOffset[c] = 0;
        _countryBoundWeight[c] = 0;
        _countryBoundOffset[c] = 0;
        _countryWaitDraw[c] = 0;
    }

    private void MarkCountryDirty(int c)
    {
        if (_countryCaps.DestinationOf[c] is var k and >= 0) MarkRatioDirty(k);
        foreach (var r in _countryCaps.ReferenceOf[c]) MarkRatioDirty(r);
    }

    private void MarkRatioDirty(int k)
    {
        if (_ratioDirty[k]) return;
        _ratioDirty[k] = true;
        _dirtyRatios.Add(k);
    }

    private void CountBoundOnCap(int cap, int k, double weight, double settled, int sign)
    {
        var at = cap * _countryCaps.RatioCount + k;
        _capBoundCount[at] += sign;
        _capBoundWeight[at] = _capBoundCount[at] == 0 ? 0 : _capBoundWeight[at] + weight;
        _capBoundOffset[at] = _capBoundCount[at] == 0 ? 0 : _capBoundOffset[at] + settled;
    }

    private void ZeroBoundOnCap(int cap)
    {
        var ratios = _countryCaps.RatioCount;
        for (var at = cap * ratios; at < (cap + 1) * ratios; at++)
        {
            _capBoundWeight[at] = 0;
            _capBoundOffset[at] = 0;
            _capBoundCount[at] = 0;
        }
    }

    /// <summary>Reads every ratio's μ and pace at the current state, for the caps' draws that follow (unused for a ratio nobody is bound to).</summary>
    private void TakeLockstepLevels()
    {
        for (var k = 0; k < _countryCaps.RatioCount; k++)
        {
            _lockstepMu[k] = Mu(k);
            _lockstepPace[k] = MuPace(k);
        }
    }

    private bool HasLockstepOn(int cap)
    {
        var ratios = _countryCaps.RatioCount;
        for (var at = cap * ratios; at < (cap + 1) * ratios; at++)
        {
            if (_capBoundCount[at] > 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Gives each lockstep drawing on the cap its part of the cap's <paramref name="room"/> as an edge on its own μ
    /// scale (<see cref="Reschedule"/>), and returns the part left for the free members' λ. Parts follow how fast each
    /// side draws per unit of λ; a side that does not draw now still gets a sliver, so that its edge lies above where
    /// it stands and is never due before it moves.
    /// </summary>
    private double ShareWithLocksteps(int cap, double room, double freePace, int version)
    {
        const double Sliver = 1.0 / 16;
        var ratios = _countryCaps.RatioCount;
        var total = freePace;
        for (var k = 0; k < ratios; k++)
        {
            var at = cap * ratios + k;
            if (_capBoundCount[at] > 0) total += _capBoundWeight[at] * Math.Max(0, _lockstepPace[k]);
        }
        var least = Sliver * (total > 0 ? total : 1);
        double Part(double pace) => pace > 0 ? pace : least;
        var sum = freePace > 0 ? Part(freePace) : 0;
        for (var k = 0; k < ratios; k++)
        {
            var at = cap * ratios + k;
            if (_capBoundCount[at] > 0) sum += Part(_capBoundWeight[at] * _lockstepPace[k]);
        }
        for (var k = 0; k < ratios; k++)
        {
            var at = cap * ratios + k;
            if (_capBoundCount[at] == 0) continue;
            var part = room * Part(_capBoundWeight[at] * _lockstepPace[k]) / sum;
            ScheduleOnRatio(k, new FillingEvent(_lockstepMu[k] + part / _capBoundWeight[at], FillingEventKind.SharedCapInLockstep, cap, version));
        }
        return freePace > 0 ? room * Part(freePace) / sum : 0;
    }

    /// <summary>What the cap's members in lockstep draw on it, at the levels last taken.</summary>
    private double BoundDrawOnCap(int cap)
    {
        double draw = 0;
        var ratios = _countryCaps.RatioCount;
        for (var k = 0; k < ratios; k++)
        {
            var at = cap * ratios + k;
            if (_capBoundCount[at] > 0) draw += _capBoundWeight[at] * _lockstepMu[k] - _capBoundOffset[at];
        }
        return draw;
    }

    private void ScheduleOnRatio(int k, FillingEvent next)
    {
        _ratioEvents[k].Enqueue(next, next);
        MarkRatioDirty(k);
    }

    /// <summary>Schedules each changed ratio's next event, and the shared caps its pace moves.</summary>
    private void FlushDirtyRatios()
    {
        // Handling one ratio can change another (a waiting customer joins, and the caps it draws on move): by index.
        for (var n = 0; n < _dirtyRatios.Count; n++)
        {
            var k = _dirtyRatios[n];
            _ratioDirty[k] = false;
            if (_ratioBound[k] && _ratioBoundCount[k] == 0)
            {
                // Nobody left in lockstep: the lowest waiting customer starts it again, at its own level (the ratio is
                // tight, so that is where μ stands); with nobody waiting either, the ratio is free again.
                // (No cap has members of this lockstep left, so none of its events is live.)
                if (_ratioWaitingCount[k] > 0 && TryPeekLiveOnRatio(k, out var lowest)) Switch(lowest.Id, Rise.Bound, k);
                else _ratioBound[k] = false;
            }
            var version = ++_ratioVersion[k];
            if (_ratioBound[k])
            {
                var level = LockstepLevel(k);
                if (level < double.PositiveInfinity)
                {
                    var lockstep = new FillingEvent(level, FillingEventKind.RatioLockstep, k, version);
                    _events.Enqueue(lockstep, lockstep);
                }
            }
            else if (BindingPace(k) < 0)
            {
                var slack = Allowed(k) - DestinationDraw(k);
                var binds = new FillingEvent(_level + Math.Max(0, slack) / -BindingPace(k), FillingEventKind.RatioBinds, k, version);
                _events.Enqueue(binds, binds);
            }
        }
        _dirtyRatios.Clear();
    }

    /// <summary>How fast a free ratio's slack changes with λ: negative when its destination outgrows what the reference allows.</summary>
    private double BindingPace(int k) =>
        _countryCaps.RatioMaxApproximate[k] * _countryWeight[_countryCaps.RatioReference[k]] - _countryWeight[_ratioSide[k]];

    /// <summary>The λ at which a bound ratio next changes: a member's event on μ's scale, or μ catching up with λ.</summary>
    private double LockstepLevel(int k)
    {
        var mu = Mu(k);
        var next = CatchUpLevel(k, mu);
        return TryPeekLiveOnRatio(k, out var member) ? Math.Min(next, MemberLevel(k, member, mu)) : next;
    }

    private bool TryPeekLiveOnRatio(int k, out FillingEvent next)
    {
        var queue = _ratioEvents[k];
        while (queue.TryPeek(out next, out _))
        {
            var live = next.Kind switch
            {
                FillingEventKind.SharedCapInLockstep => _capVersion[next.Id] == next.Version && !_capExhausted[next.Id],
                FillingEventKind.JoinsLockstep => _rise[next.Id] == Rise.Waiting && _version[next.Id] == next.Version,
                _ => _rise[next.Id] == Rise.Bound && _version[next.Id] == next.Version,
            };
            if (live) return true;
            queue.Dequeue();
        }
        return false;
    }

    private void OnRatioBinds(int k)
    {
        var d = _ratioSide[k];
        _ratioBound[k] = true;
        _leaving.Clear();
        _leaving.AddRange(_countryMembers[d]);
        foreach (var i in _leaving)
        {
            if (!HasWayOut(i)) continue;
            // It may come back for the room the ratio gains once its later orders are done.
            if (_passedOver[i] < 0) _passedOver[i] = _current[i];
            Settle(i, Math.Clamp(_weight[i] * _level - _settled[i], 0, _limit[i]));
            if (_cap[i] - _settled[i] <= Tolerance || !Enter(i)) Freeze(i);
        }
        MarkRatioDirty(k);
        // Without the customers that went elsewhere, the ratio may have slack to spare after all. A customer that found
        // nothing elsewhere and came back to the ratio's orders waits at its level, which is λ (it settled at λ, or at
        // its limit, due now): with the ratio free again it rises with everybody, and if that binds the ratio once more,
        // the next RatioBinds holds it in lockstep. (Left waiting on a free ratio, nothing would ever start it again,
        // and a later binding would take it into a lockstep below its level.)
        if (BindingPace(k) >= 0)
        {
            _ratioBound[k] = false;
            _leaving.Clear();
            _leaving.AddRange(_countryMembers[d]);
            foreach (var i in _leaving)
            {
                if (_rise[i] is Rise.Waiting or Rise.Bound) Switch(i, Rise.Free, -1);
            }
            return;
        }
        _leaving.Clear();
        _leaving.AddRange(_countryMembers[d]);
        foreach (var i in _leaving) Switch(i, Rise.Bound, k);
    }

    /// <summary>Whether a later segment of the customer could take it on, past the orders that bound ratios hold.</summary>
    private bool HasWayOut(int i)
    {
        for (var s = _current[i] + 1; s < _endSegment[i]; s++)
        {
            var ratio = RatioOf(s);
            if ((ratio < 0 || !_ratioBound[ratio]) && RoomFor(s) > Tolerance) return true;
        }
        return false;
    }

    private void OnRatioLockstep(int k)
    {
        if (!_ratioBound[k]) return;
        var mu = Mu(k);
        // The event was scheduled for the earlier of the next member's level and μ catching up with λ; floating-point
        // rounding may leave that member a hair above μ, so it is taken on the schedule's word, not μ's.
        var forMember = TryPeekLiveOnRatio(k, out var first) && MemberLevel(k, first, mu) <= CatchUpLevel(k, mu);
        var handled = false;
        // Members due at μ go first: a customer reaching its limit leaves (μ stays: it settles what it holds), one
        // waiting at μ joins.
        while (_ratioBoundCount[k] > 0 && TryPeekLiveOnRatio(k, out var member)
            && (member.Level <= mu + Tolerance * (1 + Math.Abs(mu)) || (forMember && !handled)))
        {
            _ratioEvents[k].Dequeue();
            handled = true;
            switch (member.Kind)
            {
                case FillingEventKind.JoinsLockstep: Switch(member.Id, Rise.Bound, k); break;
                case FillingEventKind.SharedCapInLockstep: OnSharedCapDue(member.Id); break;
                default: OnCustomerLimit(member.Id); break;
            }
        }
        MarkRatioDirty(k);
        if (handled || _ratioBoundCount[k] == 0) return;
        // Caught up with the main level: the members rejoin the main rise.
        _ratioBound[k] = false;
        _leaving.Clear();
        _leaving.AddRange(_countryMembers[_ratioSide[k]]);
        foreach (var i in _leaving)
        {
            if (_rise[i] is Rise.Bound or Rise.Waiting) Switch(i, Rise.Free, -1);
        }
    }

    /// <summary>The λ at which μ reaches a member's event.</summary>
    private double MemberLevel(int k, FillingEvent member, double mu)
    {
        var pace = MuPace(k);
        return member.Level <= mu ? _level : pace > 0 ? _level + (member.Level - mu) / pace : double.PositiveInfinity;
    }

    /// <summary>The λ at which μ catches up with λ: only when it rises faster (a lockstep starts at μ = λ, pace below 1).</summary>
    private double CatchUpLevel(int k, double mu)
    {
        var pace = MuPace(k);
        return pace <= 1 ? double.PositiveInfinity : mu >= _level ? _level : _level + (_level - mu) / (pace - 1);
    }
}
