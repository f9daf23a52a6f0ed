using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>An export licence: its terms and remaining quantity; tells its customer whenever its standing changes.</summary>
public sealed class LicenseGrain(
    [PersistentState("license", GrainStorage.Name)] IPersistentState<LicenseState> state,
    TimeProvider clock) : Grain, ILicenseGrain
{
    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Telling the customer and the clock comes after the licence's own write; a crash in between is healed here, as
        // both are idempotent (the customer ignores a standing it already has, the clock a date it already watches).
        if (state.State.Terms is not { } terms) return;
        await Notify($"licence {Id} recorded by {state.State.RecordedBy}", state.State.RecordedBy);
        await GrainFactory.GetGrain<IComplianceClockGrain>(IComplianceClockGrain.Key).Watch(Id, terms.Expires);
    }

    public async Task<LicenseView> Record(LicenseTerms terms, string by)
    {
        EntityId.Require(Id, "id");
        DomainValidation.Require(terms, "body");
        if (state.State.Terms is { } before && before.CustomerId != terms.CustomerId)
            throw new ConflictException($"Licence '{Id}' was granted to '{before.CustomerId}'; a licence cannot move to another customer.");
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(terms.CustomerId).Get();
        }
        catch (NotFoundException)
        {
            throw new DomainValidationException("customerId", $"unknown customer '{terms.CustomerId}'; define it first");
        }

        state.State.Terms = terms;
        state.State.RecordedBy = by;
        state.State.RecordedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        // A recording that re-decides nothing says so: its answer names none.
        await Name(await Notify($"licence {Id} recorded by {by}", by));
        await GrainFactory.GetGrain<IComplianceClockGrain>(IComplianceClockGrain.Key).Watch(Id, terms.Expires);
        return View();
    }

    public Task<LicenseView> Get() => Task.FromResult(View());

    public async Task Draw(string entryId, int units)
    {
        if (state.State.Draws.ContainsKey(entryId)) return;
        state.State.Draws[entryId] = units;
        await state.WriteStateAsync();
        await Name(await Notify($"licence {Id}: {units} units drawn by {entryId}", "system") ?? state.State.Reevaluation);
    }

    public async Task Return(string entryId, int units)
    {
        if (state.State.Returns.ContainsKey(entryId)) return;
        state.State.Returns[entryId] = units;
        await state.WriteStateAsync();
        await Name(await Notify($"licence {Id}: {units} units returned by {entryId}", "system") ?? state.State.Reevaluation);
    }

    public async Task Expire()
    {
        var expires = RequireTerms().Expires;
        // The standing the customer holds has not changed (a licence carries its date); its meaning has.
        await Name(await Notify($"licence {Id} expired on {expires:yyyy-MM-dd}", "system", reevaluate: true) ?? state.State.Reevaluation);
    }

    // Names on the licence the re-evaluation its latest change started. Only the customer knows whether a change is
    // worth re-deciding its orders, so the id comes after the licence's own write, in a second one (none when the name
    // stays: a draw, return or expiry that re-decides nothing, as most draws, leaves the last one named). Lost in a
    // crash in between, the view keeps the one before; the customer's view still names it.
    private async Task Name(string? reevaluation)
    {
        if (reevaluation == state.State.Reevaluation) return;
        state.State.Reevaluation = reevaluation;
        await state.WriteStateAsync();
    }

    private Task<string?> Notify(string trigger, string by, bool reevaluate = false) =>
        GrainFactory.GetGrain<ICustomerGrain>(RequireTerms().CustomerId).LicenseChanged(View().Standing, trigger, by, reevaluate);

    private LicenseTerms RequireTerms() => state.State.Terms ?? throw new NotFoundException("licence", Id);

    private LicenseView View()
    {
        var t = RequireTerms();
        return new LicenseView(Id, t.CustomerId, t.ProductLines, t.Quantity, t.Expires, t.Conditions,
            Math.Max(0, state.State.Remaining), state.State.RecordedBy, state.State.RecordedAt, state.State.Reevaluation);
    }
}
