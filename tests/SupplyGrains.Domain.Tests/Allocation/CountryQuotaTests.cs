using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

public class CountryQuotaTests
{
    [Fact]
    public void Quota_IsConsumedAcrossTheWeeksOfTheRun()
    {
        // CN may have 15 units over the run: 10 in week 1 (its fair half), 5 in week 2; DE takes the rest.
        var outcome = AllocationEngine.Allocate(Problem([20, 20],
            [Order("cn", "C", 100, to: "CN"), Order("de", "D", 100)], caps: Quota("CN", 15)));

        Assert.Equal([10, 10], [outcome.Got("cn", week: 0), outcome.Got("de", week: 0)]);
        Assert.Equal(StopReason.Supply, outcome.Line("cn", week: 0).StoppedBy);
        Assert.Equal([5, 15], [outcome.Got("cn", week: 1), outcome.Got("de", week: 1)]);
        Assert.Equal(StopReason.CountryQuota, outcome.Line("cn", week: 1).StoppedBy);
        Assert.Equal(new OrderAllocation("cn", "C", 1, 100, 15, StopReason.CountryQuota), outcome.Order("cn"));
    }

    [Fact]
    public void Quota_IsSharedByEveryCustomerShippingToTheCountry_ByWeight()
    {
        // A (w 1) and B (w 2) share CN's 30: it runs out at λ = 10, A 10 and B 20; C gets the other 70.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a", "A", 100, to: "CN"), Order("b", "B", 100, weight: 2, to: "CN"), Order("c", "C", 100)],
            caps: Quota("CN", 30)));

        Assert.Equal([10, 20, 70], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
        Assert.Equal([StopReason.CountryQuota, StopReason.CountryQuota, StopReason.Supply],
            [outcome.Line("a").StoppedBy, outcome.Line("b").StoppedBy, outcome.Line("c").StoppedBy]);
    }

    [Fact]
    public void Quota_CountsWholeLots_AndAnOtherwiseUncappedCountryIsUntouched()
    {
        // 30 units of CN quota in lots of 8: three lots (24); US has no quota.
        var outcome = AllocationEngine.Allocate(Problem([160],
            [Order("cn", "C", 80, to: "CN"), Order("us", "U", 80, to: "US")], lotSize: 8, caps: Quota("CN", 30)));

        Assert.Equal([24, 80], [outcome.Got("cn"), outcome.Got("us")]);
        Assert.Equal(StopReason.CountryQuota, outcome.Line("cn").StoppedBy);
    }

    [Fact]
    public void Quota_AndLicence_BothCapTheSameOrders()
    {
        // A's licence covers 12, CN's quota 20 for A and B together: A stops at its licence, B at what the quota leaves.
        var outcome = AllocationEngine.Allocate(Problem([100],
            [Order("a", "A", 50, licence: "L", to: "CN"), Order("b", "B", 50, to: "CN"), Order("c", "C", 50)],
            licences: new Dictionary<string, int> { ["L"] = 12 }, caps: Quota("CN", 20)));

        Assert.Equal([10, 10, 50], [outcome.Got("a"), outcome.Got("b"), outcome.Got("c")]);
        Assert.Equal(StopReason.CountryQuota, outcome.Line("b").StoppedBy);
    }

    [Fact]
    public void Fifo_SkipsPastAnOrderStoppedByItsQuota()
    {
        var outcome = AllocationEngine.Allocate(Problem([40],
            [Order("first", "A", 30, minute: 0, to: "CN"), Order("second", "B", 30, minute: 1)],
            caps: Quota("CN", 10), strategy: AllocationStrategy.Fifo));

        Assert.Equal([10, 30], [outcome.Got("first"), outcome.Got("second")]);
        Assert.Equal(StopReason.CountryQuota, outcome.Line("first").StoppedBy);
    }
}
