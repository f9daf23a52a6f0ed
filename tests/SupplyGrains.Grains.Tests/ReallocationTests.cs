using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Tests;

/// <summary>A commit run after supply drops below what was committed takes confirmations back by class (SPEC §4).</summary>
[Collection(ClusterCollection.Name)]
public class ReallocationTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private IAllocationGrain Allocation(string pl) => fixture.Client.GetGrain<IAllocationGrain>(pl);

    private Task<AllocationRunView> Run(string pl, RunMode mode) =>
        Allocation(pl).Run(ClusterFixture.Unique("run"), new AllocationRunRequest(pl, Given.Week, Given.Week, AllocationStrategy.FairShare, mode), "planner");

    private async Task<int> AllocatedTo(string orderId) => (await fixture.Client.GetGrain<IOrderGrain>(orderId).Get()).Allocated;

    [Fact]
    public async Task CommitAfterASupplyCut_TakesBackFromLoseFirst_ThenRedistributeByFairShare_AndBalancesTheWeek()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        var fab = await _given.Supply(pl, 240, weeks: 1);
        var lose = await _given.Order(await _given.Customer(), pl, 80, confirmationClass: ConfirmationClass.Lose);
        var a = await _given.Order(await _given.Customer(), pl, 80);
        var b = await _given.Order(await _given.Customer(), pl, 80);
        await Run(pl, RunMode.Commit);
        Assert.Equal((80, 80, 80), (await AllocatedTo(lose.Id), await AllocatedTo(a.Id), await AllocatedTo(b.Id)));

        await _given.Supply(pl, 120, weeks: 1, fabId: fab); // the wafers go to another product
        var cut = (await fixture.Client.GetGrain<IProductLineGrain>(pl).Get()).Supply.Single(w => w.Week == Given.Week);
        Assert.True(cut.OverCommitted);

        var preview = await Run(pl, RunMode.Preview);
        Assert.Equal(80, await AllocatedTo(lose.Id)); // a preview takes nothing back
        var run = await Allocation(pl).Commit(preview.Id, "planner");

        var plan = Assert.IsType<ReallocationPlan>(run.Reallocation);
        var fromLose = Assert.Single(plan.Takebacks, t => t.OrderId == lose.Id);
        Assert.Equal((80, ConfirmationClass.Lose), (fromLose.Quantity, fromLose.Class));
        Assert.Contains("Lose", fromLose.Reason);
        Assert.Equal(40, plan.Takebacks.Where(t => t.Class == ConfirmationClass.Redistribute).Sum(t => t.Quantity));
        var (keptA, keptB) = (await AllocatedTo(a.Id), await AllocatedTo(b.Id));
        Assert.Equal(0, await AllocatedTo(lose.Id));
        Assert.Equal(120, keptA + keptB);
        Assert.Equal(8, Math.Abs(keptA - keptB)); // five lots to give back between two equal holders: within one lot
        var balanced = (await fixture.Client.GetGrain<IProductLineGrain>(pl).Get()).Supply.Single(w => w.Week == Given.Week);
        Assert.Equal((120, false), (balanced.Committed, balanced.OverCommitted));
    }

    [Fact]
    public async Task WinOrder_TakesRoomFromRedistribute_InAReallocation()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        var fab = await _given.Supply(pl, 160, weeks: 1);
        var holder = await _given.Order(await _given.Customer(), pl, 160);
        await Run(pl, RunMode.Commit);
        var win = await _given.Order(await _given.Customer(), pl, 40, confirmationClass: ConfirmationClass.Win);

        await _given.Supply(pl, 152, weeks: 1, fabId: fab); // one lot short: a re-allocation
        var run = await Run(pl, RunMode.Commit);

        var plan = Assert.IsType<ReallocationPlan>(run.Reallocation);
        Assert.Equal(40, Assert.Single(plan.Reservations).Reserved);
        Assert.Equal(48, plan.Takebacks.Where(t => t.OrderId == holder.Id).Sum(t => t.Quantity)); // 8 for the cut, 40 for Win
        Assert.Equal((40, 112), (await AllocatedTo(win.Id), await AllocatedTo(holder.Id)));
    }

    [Fact]
    public async Task WithoutASupplyCut_ARunTakesNothingBack()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        await _given.Supply(pl, 80, weeks: 1);
        await _given.Order(await _given.Customer(), pl, 40, confirmationClass: ConfirmationClass.Lose);
        await Run(pl, RunMode.Commit);

        var second = await Run(pl, RunMode.Commit);

        Assert.Null(second.Reallocation);
    }
}
