using System.Threading.Channels;
using SupplyGrains.Grains.Orders;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// <see cref="CallBatcher{TItem,TResult}"/>: one call at a time, each carrying what arrived while the one before it was
/// on its way, and every caller answered by the call its item went out in. The calls here are held and released by the test.
/// </summary>
public class CallBatcherTests
{
    private readonly Channel<(IReadOnlyList<string> Items, TaskCompletionSource<string> Answer)> _calls = Channel.CreateUnbounded<(IReadOnlyList<string>, TaskCompletionSource<string>)>();

    private CallBatcher<string, string> Batcher() => new(items =>
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls.Writer.TryWrite((items, answer));
        return answer.Task;
    });

    private async Task<(IReadOnlyList<string> Items, TaskCompletionSource<string> Answer)> NextCall() =>
        await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task ItemsArrivingDuringACall_GoOutTogetherInTheNext_AndEachCallerGetsItsCallsAnswer()
    {
        var batcher = Batcher();
        var a = batcher.Add("a");
        var first = await NextCall();

        var (b, c) = (batcher.Add("b"), batcher.Add("c"));
        Assert.False(_calls.Reader.TryRead(out _)); // one call at a time
        first.Answer.SetResult("first");
        var second = await NextCall();
        second.Answer.SetResult("second");

        Assert.Equal(["a"], first.Items);
        Assert.Equal(["b", "c"], second.Items);
        Assert.Equal(("first", "second", "second"), (await a, await b, await c));
    }

    [Fact]
    public async Task AFailedCall_FailsItsCallersOnly_AndTheNextCallStillGoes()
    {
        var batcher = Batcher();
        var a = batcher.Add("a");
        var first = await NextCall();
        var b = batcher.Add("b");
        first.Answer.SetException(new InvalidOperationException("store away"));
        var second = await NextCall();
        second.Answer.SetResult("second");

        Assert.Equal("store away", (await Assert.ThrowsAsync<InvalidOperationException>(() => a)).Message);
        Assert.Equal("second", await b);
        var c = batcher.Add("c");
        var third = await NextCall();
        third.Answer.SetResult("third");
        Assert.Equal(["c"], third.Items);
        Assert.Equal("third", await c);
    }
}
