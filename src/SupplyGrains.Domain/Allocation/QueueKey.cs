namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// A line's place in the queue: requested week, then submission time, then order id (ordinal). Integers decide
/// almost every comparison; the id only breaks exact ties.
/// </summary>
internal readonly record struct QueueKey(int Week, long SubmittedTicks, string OrderId) : IComparable<QueueKey>
{
    public int CompareTo(QueueKey other)
    {
        var byWeek = Week.CompareTo(other.Week);
        if (byWeek != 0) return byWeek;
        var bySubmission = SubmittedTicks.CompareTo(other.SubmittedTicks);
        return bySubmission != 0 ? bySubmission : string.CompareOrdinal(OrderId, other.OrderId);
    }
}
