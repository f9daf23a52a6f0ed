using SupplyGrains.Contracts.Catalog;

namespace SupplyGrains.Grains.Catalog;

/// <summary>The ids of every defined product line, for listings and cluster-wide re-evaluations.</summary>
public sealed class ProductCatalogGrain(
    [PersistentState("catalog", GrainStorage.Name)] IPersistentState<SortedSet<string>> state) : Grain, IProductCatalogGrain
{
    public async Task Register(string productLine)
    {
        if (state.State.Add(productLine)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State]);
}
