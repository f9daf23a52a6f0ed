using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>The stored state of a run record.</summary>
[GenerateSerializer, Alias("SupplyGrains.AllocationRunRecord")]
public sealed class AllocationRunRecord
{
    [Id(0)] public AllocationRunView? Run { get; set; }
}
