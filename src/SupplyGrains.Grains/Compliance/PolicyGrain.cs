using System.Text.Json;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>The versioned policy. Versions are immutable; publishing one that becomes current re-decides every open order.</summary>
public sealed class PolicyGrain(
    [PersistentState("policy", GrainStorage.Name)] IPersistentState<PolicyState> state,
    TimeProvider clock) : Grain, IPolicyGrain
{
    public async Task<PolicyPublication> Publish(int version, PolicyDocument document, string by)
    {
        if (version < 1) throw new DomainValidationException("version", "must be a positive integer");
        DomainValidation.Require(document, "body");
        if (state.State.Versions.TryGetValue(version, out var existing))
        {
            if (!SameDocument(existing.Document, document))
                throw new ConflictException($"Policy version {version} is already published with different content; publish a new version.");
            return new PolicyPublication(existing, false, Current()?.Version ?? 0, null);
        }

        var currentBefore = Current()?.Version;
        var published = new VersionedPolicy(version, document, clock.GetUtcNow(), by);
        state.State.Versions[version] = published;
        await state.WriteStateAsync();

        var currentAfter = Current()?.Version ?? 0;
        string? reevaluation = null;
        if (currentAfter != currentBefore)
            reevaluation = await Reevaluations.StartAsync(GrainFactory, new($"policy v{currentAfter} published by {by}"));
        return new PolicyPublication(published, true, currentAfter, reevaluation);
    }

    public Task<VersionedPolicy?> GetCurrent() => Task.FromResult(Current());

    public Task<VersionedPolicy?> GetVersion(int version) => Task.FromResult(state.State.Versions.GetValueOrDefault(version));

    public Task<IReadOnlyList<VersionedPolicy>> GetHistory() => Task.FromResult<IReadOnlyList<VersionedPolicy>>([.. state.State.Versions.Values]);

    /// <summary>The highest version whose effective date has come.</summary>
    private VersionedPolicy? Current()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return state.State.Versions.Values.LastOrDefault(v => v.Document.EffectiveFrom <= today);
    }

    // The documents hold lists, which records compare by reference; their JSON is the honest comparison.
    private static bool SameDocument(PolicyDocument a, PolicyDocument b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
