using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// The versioned regulatory policy (key: <see cref="Key"/>). The current policy is the highest version whose
/// effective date has come. Publishing re-evaluates every open order.
/// </summary>
[Alias("SupplyGrains.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    const string Key = "current";

    /// <summary>
    /// Publishes a version. Versions are immutable: publishing the same document again changes nothing, a different
    /// document under a published version throws <see cref="ConflictException"/>.
    /// </summary>
    [Alias("Publish")]
    Task<PolicyPublication> Publish(int version, PolicyDocument document, string by);

    /// <summary>The policy in force now, or null before any version is in force. Read on every order decision.</summary>
    [Alias("GetCurrent"), ReadOnly]
    Task<VersionedPolicy?> GetCurrent();

    [Alias("GetVersion"), ReadOnly]
    Task<VersionedPolicy?> GetVersion(int version);

    [Alias("History"), ReadOnly]
    Task<IReadOnlyList<VersionedPolicy>> GetHistory();
}
