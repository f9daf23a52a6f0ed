using SupplyGrains.Contracts.Operations;

namespace SupplyGrains.Grains.Operations;

/// <summary>
/// Answers pings. A stateless worker: it holds nothing, so every silo serves its pings locally from as many activations
/// as the calls in flight need, and a ping measures the HTTP → grain round trip rather than a queue at one activation.
/// </summary>
[StatelessWorker]
public sealed class PingGrain(TimeProvider clock) : Grain, IPingGrain
{
    public Task<Pong> Ping() => Task.FromResult(new Pong(RuntimeIdentity, clock.GetUtcNow()));
}
