using Microsoft.Extensions.Time.Testing;
using SupplyGrains.Domain;
using SupplyGrains.Grains.Orders;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// <see cref="LeasedRead{T}"/>: a value read is reused until <see cref="ReadLease.Duration"/> has passed since the read
/// was sent, or the UTC day it was sent on has ended; a failed read is not kept. The clock is the test's.
/// </summary>
public class LeasedReadTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2032, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<TaskCompletionSource<int>> _reads = [];
    private int _next;

    private LeasedRead<int> Leased(bool answerAtOnce = true) => new(() =>
    {
        var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_reads) _reads.Add(read);
        if (answerAtOnce) read.SetResult(++_next);
        return read.Task;
    }, _clock);

    [Fact]
    public async Task OneRead_ServesEveryOrderOfTheLease_AndTheFirstOrderAfterItReadsAgain()
    {
        var leased = Leased();

        var first = await leased.Get();
        _clock.Advance(ReadLease.Duration - TimeSpan.FromTicks(1));
        var within = await leased.Get();
        _clock.Advance(TimeSpan.FromTicks(1));
        var after = await leased.Get();

        Assert.Equal((1, 1, 2), (first, within, after));
        Assert.Equal(2, _reads.Count);
    }

    [Fact]
    public async Task TheLease_RunsFromWhenTheReadWasSent_NotFromItsAnswer()
    {
        var leased = Leased(answerAtOnce: false);
        var first = leased.Get();
        _clock.Advance(ReadLease.Duration - TimeSpan.FromMilliseconds(10));
        _reads[0].SetResult(1);
        Assert.Equal(1, await first);

        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var second = leased.Get();
        await Eventually.Until(() => Task.FromResult(_reads.Count), sent => sent == 2);
        _reads[1].SetResult(2);

        Assert.Equal(2, await second);
    }

    [Fact]
    public async Task TheEndOfTheUtcDay_EndsTheLease_ForThePolicyInForceIsChosenByDate()
    {
        _clock.SetUtcNow(new DateTimeOffset(2032, 3, 1, 23, 59, 59, 900, TimeSpan.Zero));
        var leased = Leased();

        var before = await leased.Get();
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        var atMidnight = await leased.Get();

        Assert.Equal((1, 2), (before, atMidnight));
    }

    [Fact]
    public async Task AFailedRead_IsNotKept_AndTheNextOrderReadsAgain()
    {
        var fails = true;
        var leased = new LeasedRead<int>(() => fails ? Task.FromException<int>(new NotFoundException("product line", "pl-x")) : Task.FromResult(7), _clock);

        await Assert.ThrowsAsync<NotFoundException>(leased.Get);
        fails = false;

        Assert.Equal(7, await leased.Get());
    }
}
