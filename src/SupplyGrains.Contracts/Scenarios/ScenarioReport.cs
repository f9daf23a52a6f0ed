using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Scenarios;

/// <summary>What loading a scenario did: how many of each thing it defined, and where its orders stand.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ScenarioReport")]
public sealed record ScenarioReport(
    [property: Id(0)] string Name,
    [property: Id(1)] int Policies,
    [property: Id(2)] int ProductLines,
    [property: Id(3)] int Fabs,
    [property: Id(4)] int Customers,
    [property: Id(5)] int Licenses,
    [property: Id(6)] int Orders,
    [property: Id(7)] IReadOnlyDictionary<OrderStatus, int> OrdersByStatus);
