using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Contracts.Scenarios;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Scenarios;

/// <summary>
/// Loads a scenario through the other grains' interfaces, as the equivalent sequence of API calls would. Stateless:
/// any silo may load any scenario, and every step is idempotent, so a reload changes nothing.
/// </summary>
[StatelessWorker]
public sealed class ScenarioGrain : Grain, IScenarioGrain
{
    public async Task<ScenarioReport> Load(ScenarioDocument document, string by)
    {
        if (string.IsNullOrWhiteSpace(document.Name)) throw new DomainValidationException("name", "must not be empty");
        RequireIds("productLines", document.ProductLines?.Keys);
        RequireIds("fabs", document.Fabs?.Keys);
        RequireIds("customers", document.Customers?.Keys);
        RequireIds("licenses", document.Licenses?.Keys);
        RequireIds("orders", document.Orders?.Keys);

        foreach (var (version, policy) in Entries(document.Policies).OrderBy(p => p.Key))
            await Step($"policies.{version}", () => GrainFactory.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(version, policy, by));
        foreach (var (id, definition) in Entries(document.ProductLines))
            await Step($"productLines.{id}", () => GrainFactory.GetGrain<IProductLineGrain>(id).Define(definition));
        foreach (var (id, definition) in Entries(document.Fabs))
            await Step($"fabs.{id}", () => GrainFactory.GetGrain<IFabGrain>(id).Define(definition));
        foreach (var (id, profile) in Entries(document.Customers))
            await Step($"customers.{id}", () => GrainFactory.GetGrain<ICustomerGrain>(id).Define(profile, by));
        foreach (var (id, terms) in Entries(document.Licenses))
            await Step($"licenses.{id}", () => GrainFactory.GetGrain<ILicenseGrain>(id).Record(terms, by));

        var statuses = new Dictionary<string, OrderStatus>();
        // In document order, one at a time: submission time decides the queue inside a customer.
        foreach (var (id, request) in Entries(document.Orders))
            statuses[id] = (await Step($"orders.{id}", () => GrainFactory.GetGrain<IOrderGrain>(id).Submit(request, by))).Status;
        foreach (var (id, decision) in Entries(document.ImportDecisions))
            statuses[id] = (await Step($"importDecisions.{id}", () => GrainFactory.GetGrain<IOrderGrain>(id).RecordImportDecision(decision, by))).Status;
        foreach (var (id, review) in Entries(document.Reviews))
            statuses[id] = (await Step($"reviews.{id}", () => GrainFactory.GetGrain<IOrderGrain>(id).RecordReview(review, by))).Status;

        return new ScenarioReport(document.Name, document.Policies?.Count ?? 0, document.ProductLines?.Count ?? 0, document.Fabs?.Count ?? 0,
            document.Customers?.Count ?? 0, document.Licenses?.Count ?? 0, document.Orders?.Count ?? 0,
            statuses.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static IEnumerable<KeyValuePair<TKey, TValue>> Entries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? section) =>
        section ?? Enumerable.Empty<KeyValuePair<TKey, TValue>>();

    private static void RequireIds(string section, IEnumerable<string>? ids)
    {
        foreach (var id in ids ?? []) EntityId.Require(id, $"{section}.{id}");
    }

    /// <summary>Runs one step; bad input in it is reported under the step's path in the document (e.g. <c>orders.o1.quantity</c>).</summary>
    private static async Task<T> Step<T>(string path, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (DomainValidationException e)
        {
            throw new DomainValidationException(e.Errors.ToDictionary(kv => kv.Key == "body" ? path : $"{path}.{kv.Key}", kv => kv.Value));
        }
        catch (ConflictException e)
        {
            throw new ConflictException($"{path}: {e.Message}");
        }
    }
}
