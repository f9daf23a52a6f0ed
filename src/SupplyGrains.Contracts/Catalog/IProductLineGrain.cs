using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Catalog;

/// <summary>A product line (key: product code such as <c>h200</c>): its definition and its weekly supply ledger.</summary>
[Alias("SupplyGrains.IProductLineGrain")]
public interface IProductLineGrain : IGrainWithStringKey
{
    [Alias("Define")]
    Task<ProductLineView> Define(ProductLineDefinition definition);

    /// <summary>The product line with its ledger; throws <see cref="NotFoundException"/> when it was never defined.</summary>
    [Alias("Get")]
    Task<ProductLineView> Get();

    /// <summary>
    /// The definition alone, as stored (lot size for order intake); throws <see cref="NotFoundException"/> when undefined.
    /// Answered even while a redefinition waits for order intake's leases.
    /// </summary>
    [Alias("GetDefinition"), ReadOnly, AlwaysInterleave]
    Task<ProductLineDefinition> GetDefinition();

    [Alias("Supply")]
    Task<SupplySnapshot> GetSupply();

    /// <summary>A fab's output forecast for this product line replaces that fab's earlier forecast.</summary>
    [Alias("SetFabOutput")]
    Task SetFabOutput(string fabId, IReadOnlyList<WeeklyUnits> output);

    /// <summary>
    /// Records a planner's adjustment (by <paramref name="by"/>) to the units produced in a week and returns the product
    /// line with it; refuses a reason left out, zero units, or taking a week below zero produced. The same
    /// <paramref name="adjustmentId"/> again records nothing (a retried request counts once), and with different
    /// content it is a conflict.
    /// </summary>
    [Alias("Adjust")]
    Task<ProductLineView> Adjust(SupplyAdjustment adjustment, string by, string adjustmentId);

    /// <summary>Adds committed units; a repeated <paramref name="entryId"/> does nothing (commits are retried).</summary>
    [Alias("Commit")]
    Task Commit(string entryId, IReadOnlyList<WeeklyUnits> units);

    /// <summary>Gives committed units back to supply; a repeated <paramref name="entryId"/> does nothing.</summary>
    [Alias("Release")]
    Task Release(string entryId, IReadOnlyList<WeeklyUnits> units);
}
