using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>A fab (key: fab id such as <c>tsmc-f18</c>): capacity and product loads; pushes its output forecast to the product lines it feeds.</summary>
[Alias("SupplyGrains.IFabGrain")]
public interface IFabGrain : IGrainWithStringKey
{
    [Alias("Define")]
    Task<FabView> Define(FabDefinition definition);

    [Alias("Get")]
    Task<FabView> Get();
}
