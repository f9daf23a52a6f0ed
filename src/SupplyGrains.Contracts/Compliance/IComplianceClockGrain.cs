namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// The compliance clock (key: <see cref="Key"/>): on every tick it brings a policy version whose date has come into
/// force, and tells each licence whose expiry date has passed, so the orders concerned are re-decided without anyone
/// asking. The silo starts it; it keeps itself active.
/// </summary>
[Alias("SupplyGrains.IComplianceClockGrain")]
public interface IComplianceClockGrain : IGrainWithStringKey
{
    const string Key = "clock";

    /// <summary>Activates the clock (its timer starts with the activation).</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Watches a licence for its expiry: the day after <paramref name="expires"/> the licence is told it expired.</summary>
    [Alias("Watch")]
    Task Watch(string licenseId, DateOnly expires);
}
