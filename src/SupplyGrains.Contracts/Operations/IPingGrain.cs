namespace SupplyGrains.Contracts.Operations;

/// <summary>
/// The cheapest possible grain call (key: <see cref="Key"/>): it touches no state and calls nothing. <c>GET /api/ping</c>
/// goes through it, so a load test can measure what HTTP → grain → HTTP costs on its own, beside the real requests.
/// </summary>
[Alias("SupplyGrains.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    const string Key = "ping";

    /// <summary>Answers at once with the silo that served the call and its time.</summary>
    [Alias("Ping")]
    Task<Pong> Ping();
}
