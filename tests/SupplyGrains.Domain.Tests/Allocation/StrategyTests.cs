using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

public class StrategyTests
{
    [Fact]
    public void ProRata_SharesInProportionToDemand()
    {
        var outcome = AllocationEngine.Allocate(Problem([30],
            [Order("a", "A", 10, weight: 5), Order("b", "B", 20), Order("c", "C", 30)], strategy: AllocationStrategy.ProRata));

        Assert.Equal([5, 10, 15], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
    }

    [Fact]
    public void ProRata_TextbookVector_FiftyFor60_30_10()
    {
        var outcome = AllocationEngine.Allocate(Problem([50],
            [Order("a", "A", 60), Order("b", "B", 30), Order("c", "C", 10)], strategy: AllocationStrategy.ProRata));

        Assert.Equal([30, 15, 5], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
    }

    [Fact]
    public void ProRata_RedistributesWhatACappedCustomerCannotTake_InProportion()
    {
        // 40 for 10/20/30: C's licence stops it at 12, the other 28 go 1:2 to A and B (9.33 / 18.67 → 9 / 19).
        var outcome = AllocationEngine.Allocate(Problem([40],
            [Order("a", "A", 10), Order("b", "B", 20), Order("c", "C", 30, licence: "L")],
            licences: new Dictionary<string, int> { ["L"] = 12 }, strategy: AllocationStrategy.ProRata));

        Assert.Equal([9, 19, 12], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
    }

    [Fact]
    public void PastSales_SharesByPastPurchases_CappedByDemand_WithTheExcessRedistributed()
    {
        var scarce = AllocationEngine.Allocate(Problem([40],
            [Order("a", "A", 100, pastPurchases: 100), Order("b", "B", 100, pastPurchases: 300)], strategy: AllocationStrategy.PastSales));
        var capped = AllocationEngine.Allocate(Problem([40],
            [Order("a", "A", 100, pastPurchases: 100), Order("b", "B", 20, pastPurchases: 300)], strategy: AllocationStrategy.PastSales));

        Assert.Equal([10, 30], [scarce.Got("a"), scarce.Got("b")]);
        Assert.Equal([20, 20], [capped.Got("a"), capped.Got("b")]);
    }

    [Fact]
    public void PastSales_CustomersWithoutPurchases_ShareByWeightWhatTheOthersLeave()
    {
        DemandLine[] demand =
        [
            Order("a", "A", 10, pastPurchases: 100), Order("n1", "N1", 100, weight: 1), Order("n3", "N3", 100, weight: 3),
        ];

        var ample = AllocationEngine.Allocate(Problem([50], demand, strategy: AllocationStrategy.PastSales));
        var scarce = AllocationEngine.Allocate(Problem([8], demand, strategy: AllocationStrategy.PastSales));

        Assert.Equal([10, 10, 30], [ample.Got("a"), ample.Got("n1"), ample.Got("n3")]);
        Assert.Equal([8, 0, 0], [scarce.Got("a"), scarce.Got("n1"), scarce.Got("n3")]);
    }

    [Fact]
    public void Fifo_ServesStrictlyByTier_RequestedWeek_SubmissionTime_OrderId()
    {
        var outcome = AllocationEngine.Allocate(Problem([25],
        [
            Order("t2-first", "D", 10, tier: 2, week: -3, minute: 0),
            Order("later-week", "A", 10, week: 0, minute: 0),
            Order("earlier-week", "B", 10, week: -1, minute: 50),
            Order("same-b", "C", 10, week: 0, minute: 20),
            Order("same-a", "A", 10, week: 0, minute: 20),
        ], strategy: AllocationStrategy.Fifo));

        Assert.Equal(10, outcome.Got("earlier-week"));
        Assert.Equal(10, outcome.Got("later-week"));
        Assert.Equal(5, outcome.Got("same-a"));
        Assert.Equal(0, outcome.Got("same-b"));
        Assert.Equal(0, outcome.Got("t2-first"));
    }

    [Fact]
    public void Fifo_SkipsPastAnOrderStoppedByACap()
    {
        var outcome = AllocationEngine.Allocate(Problem([40],
            [Order("first", "A", 30, minute: 0, licence: "L"), Order("second", "A", 30, minute: 1), Order("third", "B", 30, minute: 2)],
            licences: new Dictionary<string, int> { ["L"] = 5 }, caps: new AllocationCaps(MaxCustomerShare: 0.5m),
            strategy: AllocationStrategy.Fifo));

        Assert.Equal(5, outcome.Got("first"));
        Assert.Equal(StopReason.LicenseCap, outcome.Line("first").StoppedBy);
        Assert.Equal(15, outcome.Got("second"));
        Assert.Equal(StopReason.CustomerShareCap, outcome.Line("second").StoppedBy);
        Assert.Equal(20, outcome.Got("third"));
    }
}
