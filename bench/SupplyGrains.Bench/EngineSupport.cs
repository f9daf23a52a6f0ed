using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>Which cap sets the engine can run today: the destination ratio is still being added to it.</summary>
public static class EngineSupport
{
    public static readonly bool Ratio = Probe();

    public static IEnumerable<CapSet> CapSets => Ratio ? [CapSet.LicenceAndShare, CapSet.LicenceShareAndRatio] : [CapSet.LicenceAndShare];

    private static bool Probe()
    {
        try
        {
            AllocationEngine.Allocate(SyntheticBook.Create(100, CapSet.LicenceShareAndRatio, weeks: 1));
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
