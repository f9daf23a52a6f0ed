namespace SupplyGrains.Contracts.Catalog;

/// <summary>
/// The list of defined product lines (key: <see cref="Key"/>). Written once per product line definition and read
/// by listings and by re-evaluations that span every product line; never on an order's or a run's path.
/// </summary>
[Alias("SupplyGrains.IProductCatalogGrain")]
public interface IProductCatalogGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Register")]
    Task Register(string productLine);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
