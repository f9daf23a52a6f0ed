using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Scenarios;

/// <summary>
/// A whole situation as data (the format of <c>ops/scenarios/*.json</c>): every section maps an id to the body the
/// HTTP API takes for it, and loads in this order: policies (by version), product lines, fabs, customers,
/// licences, orders (in document order), import decisions and reviews (by order id).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ScenarioDocument")]
public sealed record ScenarioDocument(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description = null,
    [property: Id(2)] IReadOnlyDictionary<int, PolicyDocument>? Policies = null,
    [property: Id(3)] IReadOnlyDictionary<string, ProductLineDefinition>? ProductLines = null,
    [property: Id(4)] IReadOnlyDictionary<string, FabDefinition>? Fabs = null,
    [property: Id(5)] IReadOnlyDictionary<string, CustomerProfile>? Customers = null,
    [property: Id(6)] IReadOnlyDictionary<string, LicenseTerms>? Licenses = null,
    [property: Id(7)] IReadOnlyDictionary<string, OrderRequest>? Orders = null,
    [property: Id(8)] IReadOnlyDictionary<string, ImportDecision>? ImportDecisions = null,
    [property: Id(9)] IReadOnlyDictionary<string, ReviewDecision>? Reviews = null);
