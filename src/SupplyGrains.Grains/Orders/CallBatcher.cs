namespace SupplyGrains.Grains.Orders;

/// <summary>
/// Sends what concurrent callers hand in as one grain call at a time: each call carries everything that arrived while
/// the one before it was on its way, and every caller gets that call's answer (or its exception). So each caller's item
/// goes out in a call that starts after the caller arrived: a read batched here is never older than a read the caller
/// would have made itself. Orleans has no batching of calls, and a grain call costs a new order more CPU than the work
/// the call does (bench/README.md §5).
/// </summary>
internal sealed class CallBatcher<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult>> send)
{
    private readonly Lock _gate = new();
    private List<(TItem Item, TaskCompletionSource<TResult> Answer)> _queued = [];
    private bool _sending;

    public Task<TResult> Add(TItem item)
    {
        // Asynchronous continuations: the sending loop must not run every caller's rest of the request in turn.
        var answer = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _queued.Add((item, answer));
            start = !_sending;
            _sending = true;
        }
        if (start) _ = SendQueuedAsync();
        return answer.Task;
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            List<(TItem Item, TaskCompletionSource<TResult> Answer)> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _sending = false;
                    return;
                }
                batch = _queued;
                _queued = [];
            }
            try
            {
                // An array: Orleans copies and serializes arrays of any element type, not every list a collection expression makes.
                var result = await send(batch.Select(b => b.Item).ToArray());
                foreach (var (_, answer) in batch) answer.SetResult(result);
            }
            catch (Exception e)
            {
                foreach (var (_, answer) in batch) answer.SetException(e);
            }
        }
    }
}
