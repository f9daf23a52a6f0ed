using System.Buffers;
using System.Collections.Concurrent;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Turns each served week's slots into the outcome's lines, and at the end the orders' totals: side by side on a
/// second thread while the engine serves the next week, or in line. A run is a chain of weeks, each needing the one
/// before, and this is the part of it that can run beside the rest (about a fifth of a run, nearly all of its
/// allocation). One consumer writes the weeks in order, so the outcome is the same whichever thread writes it.
/// </summary>
internal sealed class OutcomeWriter : IDisposable
{
    private readonly AllocationBook _book;
    private readonly int _lotSize;
    private readonly bool[] _wasEligible;
    private readonly long[] _allocatedLots;
    private readonly StopReason[] _lastReason;
    // Lines are immutable: an order's line that says what last week's said is that same object, which spares most of a
    // long run's allocations (an order waiting for supply says "0, Supply" week after week).
    private readonly AllocationLine?[] _lastLine;
    private readonly List<WeekAllocation> _weeks;
    // Two weeks in hand at most: the served week waits while the one before it is written.
    private readonly BlockingCollection<ServedWeek>? _queue;
    private readonly Task? _writer;
    private readonly CancellationTokenSource _writerFailed = new();
    // Written weeks' buffers, given back to the pool by the engine's thread: the writer's thread ends with the run, and
    // what it returned itself would stay in its thread-local part of the pool, lost to the next run.
    private readonly ConcurrentQueue<ServedWeek> _written = new();
    private bool _finished;

    public OutcomeWriter(AllocationBook book, int weekCount, bool sideBySide)
    {
        _book = book;
        _lotSize = book.LotSize;
        _wasEligible = new bool[book.OrderCount];
        _allocatedLots = new long[book.OrderCount];
        _lastReason = new StopReason[book.OrderCount];
        _lastLine = new AllocationLine?[book.OrderCount];
        _weeks = new List<WeekAllocation>(weekCount);
        if (!sideBySide) return;
        _queue = new BlockingCollection<ServedWeek>(boundedCapacity: 1);
        // A thread of its own rather than the pool's: the engine blocks while the writer is a week behind, and in a busy
        // silo a pool thread for the writer could be a while coming.
        _writer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var week in _queue.GetConsumingEnumerable()) Write(week);
            }
            catch
            {
                // The engine may be waiting to hand over a week: let it go, and learn why from this task.
                _writerFailed.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Takes the week the ledger has just served (its slots are copied: the ledger goes on to the next week).</summary>
    public void Add(IsoWeek week, long supply, long allocated, WeekLedger ledger)
    {
        ReturnWrittenBuffers();
        var count = ledger.SlotCount;
        var served = new ServedWeek(week, supply, allocated, count,
            ArrayPool<int>.Shared.Rent(count), ArrayPool<int>.Shared.Rent(count), ArrayPool<StopReason>.Shared.Rent(count));
        ledger.CopySlots(served.Orders, served.Lots, served.Reasons);
        if (_queue is null)
        {
            Write(served);
            return;
        }
        try
        {
            _queue.Add(served, _writerFailed.Token);
        }
        catch (OperationCanceledException)
        {
            _writer!.GetAwaiter().GetResult(); // throws what stopped the writer
            throw;
        }
    }

    /// <summary>Waits for the weeks still being written, then totals each order that was eligible in any week.</summary>
    public AllocationOutcome Finish()
    {
        _finished = true;
        if (_queue is not null)
        {
            _queue.CompleteAdding();
            _writer!.GetAwaiter().GetResult();
            _queue.Dispose();
        }
        ReturnWrittenBuffers();
        var orders = new List<OrderAllocation>(_book.OrderCount);
        for (var o = 0; o < _book.OrderCount; o++)
        {
            if (!_wasEligible[o]) continue;
            var customer = _book.OrderCustomer[o];
            orders.Add(new OrderAllocation(_book.OrderIds[o], _book.CustomerIds[customer], _book.CustomerTier[customer],
                _book.DemandLots[o] * _lotSize, checked((int)(_allocatedLots[o] * _lotSize)), _lastReason[o]));
        }
        return new AllocationOutcome(_weeks, orders);
    }

    /// <summary>Stops the writer when the run fails half-way (nothing is written after that).</summary>
    public void Dispose()
    {
        if (_queue is null || _finished) return;
        _queue.CompleteAdding();
        _writer!.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    private void Write(ServedWeek week)
    {
        var lines = new AllocationLine[week.Count];
        for (var slot = 0; slot < lines.Length; slot++)
        {
            var order = week.Orders[slot];
            var lots = week.Lots[slot];
            var reason = week.Reasons[slot];
            var quantity = checked(lots * _lotSize);
            lines[slot] = _lastLine[order] is { } last && last.Quantity == quantity && last.StoppedBy == reason
                ? last
                : _lastLine[order] = new AllocationLine(_book.OrderIds[order], _book.CustomerIds[_book.OrderCustomer[order]], quantity, reason);
            _wasEligible[order] = true;
            _allocatedLots[order] += lots;
            _lastReason[order] = reason;
        }
        _weeks.Add(new WeekAllocation(week.Week, checked((int)week.Supply), checked((int)week.Allocated),
            checked((int)(week.Supply - week.Allocated)), lines));
        _written.Enqueue(week);
    }

    private void ReturnWrittenBuffers()
    {
        while (_written.TryDequeue(out var week))
        {
            ArrayPool<int>.Shared.Return(week.Orders);
            ArrayPool<int>.Shared.Return(week.Lots);
            ArrayPool<StopReason>.Shared.Return(week.Reasons);
        }
    }

    private sealed record ServedWeek(IsoWeek Week, long Supply, long Allocated, int Count, int[] Orders, int[] Lots, StopReason[] Reasons);
}
