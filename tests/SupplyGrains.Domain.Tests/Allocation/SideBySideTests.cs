using SupplyGrains.Domain.Allocation;
using static SupplyGrains.Domain.Tests.Allocation.Scenario;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>
/// Large books use a second thread (duplicate ids looked for while the lines are read, the outcome written while the
/// weeks are served): the answer and the errors must be those of the one-thread run.
/// </summary>
public class SideBySideTests
{
    [Theory]
    [InlineData(AllocationStrategy.FairShare)]
    [InlineData(AllocationStrategy.Fifo)]
    public void LargeBook_GetsTheSameOutcome_OnOneThreadOrTwo(AllocationStrategy strategy)
    {
        var problem = LargeBook(AllocationEngine.SideBySideFrom + 1000) with { Strategy = strategy };

        var inLine = Flatten(AllocationEngine.Allocate(problem, sideBySide: false));
        var sideBySide = Flatten(AllocationEngine.Allocate(problem, sideBySide: true));

        Assert.True(inLine.Lines.Count > 100_000, $"only {inLine.Lines.Count} lines: the book is too small to mean anything");
        Assert.Contains(inLine.Lines, l => l.Quantity > 0);
        Assert.Equal(inLine.Weeks, sideBySide.Weeks);
        Assert.Equal(inLine.Lines, sideBySide.Lines);
        Assert.Equal(inLine.Orders, sideBySide.Orders);
    }

    [Fact]
    public void DuplicateOrderId_InALargeBook_IsRejected_NamingTheOrder()
    {
        var lines = LargeBook(AllocationEngine.SideBySideFrom).Demand.ToList();
        lines.Add(lines[12_345] with { CustomerId = "someone-else" });

        var error = Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([1000], lines), sideBySide: true));

        Assert.Contains($"'{lines[12_345].OrderId}' appears more than once", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheFirstFaultyLine_IsReported_WhetherItsFaultIsADuplicateOrABadLine(bool duplicateFirst)
    {
        var lines = LargeBook(AllocationEngine.SideBySideFrom).Demand.ToList();
        var duplicate = lines[100] with { CustomerId = "someone-else" };
        var bad = Order("bad-weight", "A", 1, weight: 0);
        lines.InsertRange(20_000, duplicateFirst ? [duplicate, bad] : [bad, duplicate]);

        var error = Assert.Throws<ArgumentException>(() => AllocationEngine.Allocate(Problem([1000], lines), sideBySide: true));

        Assert.Contains(duplicateFirst ? $"'{duplicate.OrderId}' appears more than once" : "'bad-weight' has Weight 0", error.Message);
    }

    /// <summary>Ten orders per customer in three tiers, licences shared across customers, a destination ratio that binds, six weeks.</summary>
    private static AllocationProblem LargeBook(int orders)
    {
        var random = new Random(20261129);
        var destinations = new[] { "US", "US", "DE", "CN", "JP" };
        var demand = new List<DemandLine>(orders);
        for (var i = 0; i < orders; i++)
        {
            var customer = i / 10;
            var to = destinations[customer % destinations.Length];
            var licence = to == "CN" || customer % 7 == 0 ? $"L{customer % 40}" : null;
            demand.Add(Order($"o{i:D6}", $"c{customer:D5}", 8 * random.Next(1, 12), tier: 1 + customer % 3, weight: 1 + customer % 4,
                week: random.Next(-1, 6), minute: random.Next(0, 5000), licence: licence, to: to));
        }
        var licences = Enumerable.Range(0, 40).ToDictionary(l => $"L{l}", _ => 8 * 600);
        var weekly = orders * 6 * 8 / 3 / 6; // about a third of the demand
        return Problem([weekly, weekly, weekly, weekly, weekly, weekly], demand, lotSize: 8, licences: licences,
            caps: new AllocationCaps(MaxCustomerShare: 0.01m, DestinationRatio: [new DestinationRatio("CN", "US", 0.25m)]));
    }

    private static (List<(IsoWeek, int, int, int)> Weeks, List<(string OrderId, string CustomerId, int Quantity, StopReason StoppedBy)> Lines, List<OrderAllocation> Orders)
        Flatten(AllocationOutcome outcome) =>
        ([.. outcome.Weeks.Select(w => (w.Week, w.Supply, w.Allocated, w.CarriedOut))],
         [.. outcome.Weeks.SelectMany(w => w.Lines.Select(l => (l.OrderId, l.CustomerId, l.Quantity, l.StoppedBy)))],
         [.. outcome.Orders]);
}
