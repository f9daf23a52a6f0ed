namespace SupplyGrains.Contracts.Allocation;

/// <summary>The record of one allocation run (key: run id), written only by its product line's allocation grain.</summary>
[Alias("SupplyGrains.IAllocationRunGrain")]
public interface IAllocationRunGrain : IGrainWithStringKey
{
    [Alias("Save")]
    Task Save(AllocationRunView run);

    /// <summary>The run as recorded, or null when there is no such run.</summary>
    [Alias("Find"), ReadOnly]
    Task<AllocationRunView?> Find();
}
