namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// The shared caps' events on the main scale (the edge of each cap's room, <see cref="ProgressiveFilling"/>), at most
/// one per cap, in a binary heap indexed by cap so that a rescheduled cap moves its one entry instead of leaving a stale
/// one behind: caps are rescheduled whenever a member comes or goes, and with a plain queue the stale entries outgrew
/// the live ones and every push and pop paid for them.
/// </summary>
internal sealed class SharedCapEvents
{
    private readonly int[] _position;
    private readonly FillingEvent[] _event;
    private readonly int[] _heap;
    private int _count;

    public SharedCapEvents(int capCount)
    {
        _position = new int[capCount];
        Array.Fill(_position, -1);
        _event = new FillingEvent[capCount];
        _heap = new int[capCount];
    }

    public void Clear()
    {
        for (var n = 0; n < _count; n++) _position[_heap[n]] = -1;
        _count = 0;
    }

    public bool TryPeek(out FillingEvent next)
    {
        next = _count > 0 ? _event[_heap[0]] : default;
        return _count > 0;
    }

    /// <summary>Schedules the cap's event, replacing the one it had.</summary>
    public void Set(int cap, FillingEvent exhausted)
    {
        _event[cap] = exhausted;
        var at = _position[cap];
        if (at < 0)
        {
            at = _count++;
            _heap[at] = cap;
            _position[cap] = at;
        }
        SiftDown(SiftUp(at));
    }

    public void Remove(int cap)
    {
        var at = _position[cap];
        if (at < 0) return;
        _position[cap] = -1;
        var last = _heap[--_count];
        if (at == _count) return;
        _heap[at] = last;
        _position[last] = at;
        SiftDown(SiftUp(at));
    }

    private int SiftUp(int at)
    {
        var cap = _heap[at];
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (_event[_heap[parent]].CompareTo(_event[cap]) <= 0) break;
            Move(_heap[parent], at);
            at = parent;
        }
        Move(cap, at);
        return at;
    }

    private void SiftDown(int at)
    {
        var cap = _heap[at];
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _event[_heap[child + 1]].CompareTo(_event[_heap[child]]) < 0) child++;
            if (_event[cap].CompareTo(_event[_heap[child]]) <= 0) break;
            Move(_heap[child], at);
            at = child;
        }
        Move(cap, at);
    }

    private void Move(int cap, int at)
    {
        _heap[at] = cap;
        _position[cap] = at;
    }
}
