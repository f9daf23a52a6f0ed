using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// The versioned regulatory policy (key: <see cref="Key"/>). The current policy is the highest version whose
/// effective date has come. A version coming into force (published with a date that has come, or its date arriving)
/// re-evaluates every open order.
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

    /// <summary>
    /// Starts the re-evaluation of every open order when the version in force changed by its date coming (asked by the
    /// compliance clock); returns its id, or null when nothing changed.
    /// </summary>
    [Alias("BringInForce")]
    Task<string?> BringInForce();

    /// <summary>Starts a dry run of a draft policy against every open order, as if it were in force now; returns its id.</summary>
    [Alias("PreviewImpact")]
    Task<string> PreviewImpact(int version, PolicyDocument draft, string by);

    /// <summary>The re-evaluation the version's coming into force started, or null when it has not come into force.</summary>
    [Alias("GetImpactId"), ReadOnly]
    Task<string?> GetImpactId(int version);

    /// <summary>
    /// The policy in force now, or null before any version is in force: read for every order decision. Answers from what
    /// is stored, even while a publication waits for order intake's leases to run out.
    /// </summary>
    [Alias("GetCurrent"), ReadOnly, AlwaysInterleave]
    Task<VersionedPolicy?> GetCurrent();

    [Alias("GetVersion"), ReadOnly]
    Task<VersionedPolicy?> GetVersion(int version);

    [Alias("History"), ReadOnly]
    Task<IReadOnlyList<VersionedPolicy>> GetHistory();
}
