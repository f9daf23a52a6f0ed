using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Cli.Import;

/// <summary>
/// Submits the rows of a checked file, a bounded number at a time (order intake is per order grain, so rows go in
/// parallel), and records each row's outcome instead of stopping at the first failure.
/// </summary>
public static class OrderSubmission
{
    /// <summary>Enough in flight to keep the gateway busy (SupplyGrains' measured client throughput levels off near 100) without flooding it.</summary>
    public const int InFlight = 32;

    public static async Task<IReadOnlyList<RowOutcome>> Submit(
        IGrainFactory grains, IReadOnlyList<OrderRow> rows, string by, Action onSubmitted, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var row = rows[i];
                var id = row.Id ?? Commands.OrderCommands.NewOrderId();
                try
                {
                    var order = await grains.GetGrain<IOrderGrain>(id).Submit(row.Request, by);
                    outcomes[i] = new RowOutcome(row.Line, id, order.CustomerId, order.Status,
                        [.. order.Gates.Where(g => g.Reason is not null).Select(g => g.Reason!)]);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var code = Failures.Classify(e, cancellationToken);
                    outcomes[i] = new RowOutcome(row.Line, id, row.Request.CustomerId, null, [], code.Message, code.Code);
                }
                onSubmitted();
            });
        return outcomes;
    }
}
