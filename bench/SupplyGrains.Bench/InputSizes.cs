using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Bench;

/// <summary>
/// Per book size: the memory the built book holds (its lines, their strings, the dictionaries: the "input size"), how
/// many lines the engine's 12-week outcome has, and what one engine run allocates on all threads (a large book's
/// outcome is written on a second one), as a multiple of the input, with and without the destination ratio.
/// </summary>
public static class InputSizes
{
    public static void Print()
    {
        foreach (var (orders, caps) in new[] { 10_000, 100_000, 1_000_000 }.SelectMany(n => Enum.GetValues<CapSet>().Select(c => (n, c))))
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var problem = SyntheticBook.Create(orders, caps);
            var input = GC.GetTotalMemory(forceFullCollection: true) - before;
            AllocationEngine.Allocate(problem); // warm-up, so the measured run allocates no JIT data
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var outcome = AllocationEngine.Allocate(problem);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine(
                $"{orders,9:N0} orders, {caps,-20} {problem.Demand.Select(d => d.CustomerId).Distinct().Count(),7:N0} customers: input {input,13:N0} B; "
                + $"outcome {outcome.Weeks.Sum(w => w.Lines.Count),10:N0} week lines; one run allocates {allocated,13:N0} B = {(double)allocated / input:0.00}x input");
        }
    }
}
