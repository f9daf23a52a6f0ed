using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Grains.Compliance;

namespace SupplyGrains.Grains.Customers;

/// <summary>A customer: its profile and licences, read by the gates; a change re-decides its open orders.</summary>
public sealed class CustomerGrain(
    [PersistentState("customer", GrainStorage.Name)] IPersistentState<CustomerState> state) : Grain, ICustomerGrain
{
    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Reevaluations.Start(GrainFactory, state.State.LastReevaluation);

    public async Task<CustomerView> Define(CustomerProfile profile, string by)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(profile, "body");
        var before = state.State.Profile;
        if (before is not null && Same(before, profile)) return View();
        state.State.Profile = profile;
        if (before is not null)
            state.State.LastReevaluation = Reevaluations.Plan(new ReevaluationScope($"customer {Id} changed by {by}", Id, by));
        await state.WriteStateAsync();
        if (before is not null) await Reevaluations.Start(GrainFactory, state.State.LastReevaluation);
        return View();
    }

    public Task<CustomerView> Get() => Task.FromResult(View());

    public Task<BuyerContext> GetBuyer() =>
        Task.FromResult(new BuyerContext(RequireProfile(), [.. state.State.Licenses.Values.OrderBy(l => l.LicenseId, StringComparer.Ordinal)]));

    public async Task<string?> LicenseChanged(LicenseStanding standing, string trigger, string by, bool reevaluate = false)
    {
        state.State.Licenses.TryGetValue(standing.LicenseId, out var before);
        if (before is not null && SameStanding(before, standing) && !reevaluate) return null;
        state.State.Licenses[standing.LicenseId] = standing;
        var reevaluates = before is null || reevaluate || Matters(before, standing);
        if (reevaluates) state.State.LastReevaluation = Reevaluations.Plan(new ReevaluationScope(trigger, Id, by));
        await state.WriteStateAsync();
        // Draws on a licence change its remaining quantity on every commit; only a change the gates can see
        // (cover, expiry, running out or coming back) is worth re-deciding every open order of the customer.
        if (!reevaluates) return null;
        await Reevaluations.Start(GrainFactory, state.State.LastReevaluation);
        return state.State.LastReevaluation!.ReevaluationId;
    }

    private static bool Matters(LicenseStanding before, LicenseStanding after) =>
        before.Expires != after.Expires
        || !before.ProductLines.SequenceEqual(after.ProductLines)
        || (before.Remaining > 0) != (after.Remaining > 0);

    private static bool SameStanding(LicenseStanding a, LicenseStanding b) =>
        a.Remaining == b.Remaining && a.Expires == b.Expires && a.ProductLines.SequenceEqual(b.ProductLines)
        && a.RecordedBy == b.RecordedBy && a.RecordedAt == b.RecordedAt;

    private static bool Same(CustomerProfile a, CustomerProfile b) =>
        a with { Aliases = b.Aliases } == b && a.Aliases.SequenceEqual(b.Aliases);

    private CustomerProfile RequireProfile() => state.State.Profile ?? throw new NotFoundException("customer", Id);

    private CustomerView View() => CustomerView.Of(Id, RequireProfile(),
        [.. state.State.Licenses.Values.OrderBy(l => l.LicenseId, StringComparer.Ordinal)], state.State.LastReevaluation?.ReevaluationId);
}
