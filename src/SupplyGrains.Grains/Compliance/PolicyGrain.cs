using System.Text.Json;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// The versioned policy. Versions are immutable. Whenever another version comes into force (published with a date
/// that has come, or its date arriving: <see cref="ComplianceClockGrain"/> asks), every open order is re-decided,
/// and the re-evaluation is recorded as that version's impact. Order intake holds the policy in force for a short lease
/// (<see cref="ReadLease"/>): a version coming into force is acknowledged, and re-decides the open orders, only once every
/// lease on the version before it has run out, so no order is decided under it afterwards.
/// </summary>
public sealed class PolicyGrain(
    [PersistentState("policy", GrainStorage.Name)] IPersistentState<PolicyState> state,
    TimeProvider clock) : Grain, IPolicyGrain
{
    // What GetCurrent answers from: the versions as last stored. GetCurrent interleaves with the wait for the leases,
    // and Publish adds its version to the state before writing it: a version must not be handed out before it is durable.
    private VersionedPolicy[] _stored = [];

    private PolicyState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = [.. S.Versions.Values];
        // The impact was recorded in the same write as the version it belongs to; starting it again is harmless. A
        // previous activation may have stopped between that write and the end of the leases: wait them out again.
        if (S.Impacts.GetValueOrDefault(S.InForce) is { } impact)
        {
            await ReadLease.WaitOut(clock);
            await Reevaluations.Start(GrainFactory, impact);
        }
    }

    public async Task<PolicyPublication> Publish(int version, PolicyDocument document, string by)
    {
        RequireVersion(version);
        DomainValidation.Require(document, "body");
        if (S.Versions.TryGetValue(version, out var existing))
        {
            if (!SameDocument(existing.Document, document))
                throw new ConflictException($"Policy version {version} is already published with different content; publish a new version.");
            return new PolicyPublication(existing, false, Current()?.Version ?? 0, null);
        }

        var published = new VersionedPolicy(version, document, clock.GetUtcNow(), by);
        S.Versions[version] = published;
        var impact = DueImpact(v => $"policy v{v.Version} published by {by}", by);
        await state.WriteStateAsync();
        _stored = [.. S.Versions.Values];
        if (impact is not null) await ReadLease.WaitOut(clock);
        await Reevaluations.Start(GrainFactory, impact);
        return new PolicyPublication(published, true, Current()?.Version ?? 0, impact?.ReevaluationId);
    }

    public async Task<string?> BringInForce()
    {
        var impact = DueImpact(v => $"policy v{v.Version} came into force (effective {v.Document.EffectiveFrom:yyyy-MM-dd}, published by {v.PublishedBy})", "system");
        if (impact is null) return null;
        await state.WriteStateAsync();
        await ReadLease.WaitOut(clock);
        await Reevaluations.Start(GrainFactory, impact);
        return impact.ReevaluationId;
    }

    public async Task<string> PreviewImpact(int version, PolicyDocument draft, string by)
    {
        RequireVersion(version);
        DomainValidation.Require(draft, "body");
        var preview = Reevaluations.Plan(new ReevaluationScope($"impact preview of draft v{version} by {by}", By: by,
            Draft: new VersionedPolicy(version, draft, clock.GetUtcNow(), by)), $"preview-v{version}");
        await Reevaluations.Start(GrainFactory, preview);
        return preview.ReevaluationId;
    }

    public Task<string?> GetImpactId(int version)
    {
        if (!S.Versions.ContainsKey(version)) throw new NotFoundException("policy version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(S.Impacts.GetValueOrDefault(version)?.ReevaluationId);
    }

    public Task<VersionedPolicy?> GetCurrent() => Task.FromResult(InForce(_stored));

    public Task<VersionedPolicy?> GetVersion(int version) => Task.FromResult(S.Versions.GetValueOrDefault(version));

    public Task<IReadOnlyList<VersionedPolicy>> GetHistory() => Task.FromResult<IReadOnlyList<VersionedPolicy>>([.. S.Versions.Values]);

    /// <summary>
    /// When the version in force is not the one last re-evaluated for, records (in memory) the re-evaluation it is due;
    /// the caller writes the state and then starts it.
    /// </summary>
    private ReevaluationStart? DueImpact(Func<VersionedPolicy, string> trigger, string by)
    {
        var current = Current();
        if (current is null || current.Version == S.InForce) return null;
        var impact = Reevaluations.Plan(new ReevaluationScope(trigger(current), By: by, PolicyVersion: current.Version), $"policy-v{current.Version}");
        S.Impacts[current.Version] = impact;
        S.InForce = current.Version;
        return impact;
    }

    private VersionedPolicy? Current() => InForce(S.Versions.Values);

    /// <summary>The highest of <paramref name="versions"/> (in order) whose effective date has come.</summary>
    private VersionedPolicy? InForce(IEnumerable<VersionedPolicy> versions)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return versions.LastOrDefault(v => v.Document.EffectiveFrom <= today);
    }

    private static void RequireVersion(int version)
    {
        if (version < 1) throw new DomainValidationException("version", "must be a positive integer");
    }

    // The documents hold lists, which records compare by reference; their JSON is the honest comparison.
    private static bool SameDocument(PolicyDocument a, PolicyDocument b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
