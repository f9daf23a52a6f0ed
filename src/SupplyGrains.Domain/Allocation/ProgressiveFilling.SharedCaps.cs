namespace SupplyGrains.Domain.Allocation;

/// <remarks>
/// Shared caps: licences and country quotas that customers of one group draw on together. Each keeps what its members
/// draw as a linear function of the level (settled amounts, plus λ × the weight of its free members minus what they had
/// settled before, plus the draw of those in a ratio's lockstep on μ's scale), so its room runs out at a level found by
/// one division; members come and go as they move along their queues, and a change marks the cap dirty for the next
/// flush.
/// </remarks>
internal sealed partial class ProgressiveFilling
{
    /// <summary>
    /// The rise has reached an edge of the room the cap was given (<see cref="Reschedule"/>): it is spent, or, when a
    /// lockstep's pace changed since, its room left is shared out again.
    /// </summary>
    private void OnSharedCapDue(int cap)
    {
        TakeLockstepLevels();
        var room = RoomLeft(cap);
        var scale = Math.Max(1, _capRoom[cap]);
        // Twice due at one level means only rounding is left of its room: the next edge would be no higher.
        var spent = room <= Tolerance * scale || (room <= 1e-6 * scale && _capDueAt[cap] == _level);
        if (!spent)
        {
            _capDueAt[cap] = _level;
            MarkDirty(cap);
            return;
        }
        _capExhausted[cap] = true;
        var members = _capMembers[cap]!;
        _leaving.Clear();
        _leaving.AddRange(members);
        members.Clear();
        ZeroCap(cap);
        _capUsed[cap] = _capRoom[cap];
        // What each member holds is read before any of them moves: settling at what it holds changes no level.
        foreach (var i in _leaving) _allocation[i] = Held(i);
        foreach (var i in _leaving)
        {
            Settle(i, Math.Clamp(_allocation[i] - _settled[i], 0, _limit[i]));
            if (_cap[i] - _settled[i] <= Tolerance || !Enter(i)) Freeze(i);
        }
    }

    private void CountOnCap(int cap, int i, int sign)
    {
        if (cap < 0 || !IsShared(cap) || _capExhausted[cap]) return;
        var w = sign * _weight[i];
        var settled = sign * _settled[i];
        // Sums drop to exact zeros with their last member: a drift of 1e-16 in a weight would be a pace.
        switch (_rise[i])
        {
            case Rise.Free:
                _capWeight[cap] = (_capFree[cap] += sign) == 0 ? 0 : _capWeight[cap] + w;
                _capOffset[cap] = _capFree[cap] == 0 ? 0 : _capOffset[cap] + settled;
                break;
            case Rise.Bound:
                CountBoundOnCap(cap, _ratioOfCustomer[i], w, settled, sign);
                break;
            case Rise.Waiting:
                _capWaitDraw[cap] = (_capWaiting[cap] += sign) == 0 ? 0 : _capWaitDraw[cap] + w * _waitLevel[i] - settled;
                break;
        }
        MarkDirty(cap);
    }

    // A customer draws on at most two shared caps at once (its licence and its country's quota): position slot 0 or 1.
    private void LinkCap(int cap, int i, int slot)
    {
        if (cap < 0 || !IsShared(cap) || _capExhausted[cap]) return;
        Touch(cap);
        var members = _capMembers[cap]!;
        _capPosition[2 * i + slot] = members.Count;
        members.Add(i);
    }

    private void UnlinkCap(int cap, int i, int slot)
    {
        if (cap < 0 || !IsShared(cap) || _capExhausted[cap]) return;
        var members = _capMembers[cap]!;
        var position = _capPosition[2 * i + slot];
        var last = members[^1];
        members[position] = last;
        _capPosition[2 * last + (_segmentLicence[_current[last]] == cap ? 0 : 1)] = position;
        members.RemoveAt(members.Count - 1);
        // Exact zeros rather than the drift of adding and subtracting weights.
        if (members.Count == 0) ZeroCap(cap);
    }

    private void UseAfterLeaving(int cap, double amount)
    {
        if (cap < 0 || _capExhausted[cap]) return;
        Touch(cap);
        _capUsed[cap] += amount;
        if (IsShared(cap)) MarkDirty(cap);
    }

    private void ZeroCap(int cap)
    {
        _capFree[cap] = 0;
        _capWaiting[cap] = 0;
        _capWeight[cap] = 0;
        _capOffset[cap] = 0;
        _capWaitDraw[cap] = 0;
        ZeroBoundOnCap(cap);
    }

    private void MarkDirty(int cap)
    {
        // Its events on the locksteps' scales are stale from now on: a ratio's flush must not take them for live.
        _capVersion[cap]++;
        if (_capDirty[cap]) return;
        _capDirty[cap] = true;
        _dirtyCaps.Add(cap);
    }

    /// <summary>
    /// Schedules what changed since the last event. A cap's events on a lockstep's scale change that ratio's next
    /// event, and a ratio that changes can move a waiting customer onto a cap: round until neither has anything left.
    /// </summary>
    private void FlushDirty()
    {
        while (true)
        {
            FlushDirtyRatios();
            if (_dirtyCaps.Count == 0) return;
            TakeLockstepLevels();
            foreach (var cap in _dirtyCaps)
            {
                _capDirty[cap] = false;
                Reschedule(cap);
            }
            _dirtyCaps.Clear();
        }
    }

    /// <summary>
    /// Schedules the cap's next check. Its free members draw on it in step with λ; members in a ratio's lockstep in
    /// step with that ratio's μ, whose pace changes with nearly every event while the ratio binds. So the room left is
    /// shared out between λ and each μ in proportion to how fast each draws now, and each part becomes an edge on its
    /// own scale: as long as the rise stays inside all edges the cap cannot run out, whatever the paces do, and when
    /// they hold, every edge is reached at once, exactly when the cap runs out. (Rescheduling every such cap on each
    /// change of pace was most of a run's time.)
    /// </summary>
    private void Reschedule(int cap)
    {
        var version = ++_capVersion[cap];
        if (_capExhausted[cap] || _capMembers[cap] is not { Count: > 0 })
        {
            _capEvents.Remove(cap);
            return;
        }
        var room = Math.Max(0, RoomLeft(cap));
        var freePace = _capWeight[cap];
        if (HasLockstepOn(cap)) room = ShareWithLocksteps(cap, room, freePace, version);
        // One event per cap on the main scale: its version plays no part.
        if (freePace > 0) _capEvents.Set(cap, new FillingEvent(_level + room / freePace, FillingEventKind.SharedCapExhausted, cap, 0));
        else _capEvents.Remove(cap);
    }

    /// <summary>Room the shared cap has left at the current level (its members' draw included, those in lockstep at the levels last taken).</summary>
    private double RoomLeft(int cap)
    {
        Touch(cap);
        if (_capExhausted[cap]) return 0;
        return _capRoom[cap] - _capUsed[cap] - _capWaitDraw[cap] - (_level * _capWeight[cap] - _capOffset[cap]) - BoundDrawOnCap(cap);
    }

    private void Touch(int cap)
    {
        if (_capTouched[cap]) return;
        _capTouched[cap] = true;
        _touched.Add(cap);
        _capUsed[cap] = 0;
        _capExhausted[cap] = false;
        _capDueAt[cap] = double.NaN;
        (_capMembers[cap] ??= []).Clear();
        ZeroCap(cap);
    }
}
