using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Allocation;
using SupplyGrains.Grains.Orders;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// <see cref="OrderIntake"/> files new orders without activating their grains: the order it files must be the one its
/// grain would have filed, and a grain that found nothing earlier must find it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class OrderIntakeTests(ClusterFixture fixture)
{
    private readonly Given _given = new(fixture.Client);

    private OrderIntake Intake => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OrderIntake>();

    private IOrderGrain OrderGrain(string id) => fixture.Client.GetGrain<IOrderGrain>(id);

    private static OrderRequest Request(string customer, string productLine, int quantity, string shipTo = "US") =>
        new(customer, productLine, quantity, Given.Week, UseCase.Training, shipTo);

    [Fact]
    public async Task FiledOrder_IsTheOneItsGrainReads_AndIsInTheBook_WithoutTheGrainActivating()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");
        var before = await ActiveOrderGrains();

        var filed = await Intake.SubmitNew(id, Request(customer, pl, 80), "planner");

        Assert.Equal(await ActiveOrderGrains(), before);
        Assert.Equal((id, OrderStatus.Approved, 80, "planner"), (filed.Id, filed.Status, filed.Remaining, filed.SubmittedBy));
        var book = await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter());
        Assert.Equal((id, OrderStatus.Approved), (Assert.Single(book).Id, book[0].Status));
        var read = await OrderGrain(id).Get();
        Assert.Equal(filed with { Gates = [], Confirmations = [] }, read with { Gates = [], Confirmations = [] });
        Assert.Equal(filed.Gates, read.Gates);
        Assert.Equal(["Submitted", "GatesEvaluated"], (await OrderGrain(id).GetAudit()).Select(e => e.Kind));
    }

    [Fact]
    public async Task UnknownCustomer_IsRefusedByName_AndLeavesNothingOnFileOrInTheBook()
    {
        var pl = await _given.ProductLine();
        var id = ClusterFixture.Unique("o");

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Intake.SubmitNew(id, Request("nobody-" + id, pl, 8), "planner"));

        Assert.Equal(["customerId"], refused.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => OrderGrain(id).Get());
        Assert.Empty(await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter()));
    }

    [Fact]
    public async Task GrainThatFoundNoOrder_FindsTheOneFiledSince_AndCanCancelIt()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");
        await Assert.ThrowsAsync<NotFoundException>(() => OrderGrain(id).Get()); // the grain is now active, holding nothing

        await Intake.SubmitNew(id, Request(customer, pl, 16), "planner");

        Assert.Equal(OrderStatus.Approved, (await OrderGrain(id).Get()).Status);
        Assert.Equal(OrderStatus.Cancelled, (await OrderGrain(id).Cancel("planner")).Status);
        var book = await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter());
        Assert.Equal(OrderStatus.Cancelled, Assert.Single(book).Status);
    }

    [Fact]
    public async Task GrainThatFoundNoOrder_AnswersASubmissionOfTheFiledOrderAsARetry()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");
        await Assert.ThrowsAsync<NotFoundException>(() => OrderGrain(id).Get());
        var filed = await Intake.SubmitNew(id, Request(customer, pl, 16), "planner");

        var again = await OrderGrain(id).Submit(Request(customer, pl, 16), "planner");

        Assert.Equal(filed.SubmittedAt, again.SubmittedAt);
        Assert.Single(await OrderGrain(id).GetAudit(), e => e.Kind == "Submitted");
        await Assert.ThrowsAsync<ConflictException>(() => OrderGrain(id).Submit(Request(customer, pl, 24), "planner"));
    }

    [Fact]
    public async Task IdFiledTwice_IsOneOrder_AndDifferentContentUnderItIsAConflict()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var id = ClusterFixture.Unique("o");
        var filed = await Intake.SubmitNew(id, Request(customer, pl, 16), "planner");

        var again = await Intake.SubmitNew(id, Request(customer, pl, 16), "planner");

        Assert.Equal((filed.Id, filed.SubmittedAt), (again.Id, again.SubmittedAt));
        Assert.Single(await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter()));
        await Assert.ThrowsAsync<ConflictException>(() => Intake.SubmitNew(id, Request(customer, pl, 24), "planner"));
    }

    // Intake holds the policy in force and each product line's definition for a lease (LeasedRead). The two tests below
    // take the lease with one order, change what it holds, and file the next order at once: they fail when the change is
    // acknowledged before the leases run out (ReadLease.WaitOut), as the order is then decided under what intake held.

    [Fact]
    public async Task AnOrderFiledAfterAPolicyIsPublished_IsDecidedUnderIt_ThoughIntakeHeldTheVersionBefore()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer("CN");
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Allowed)]);
        var (version, denying) = await fixture.Policies.Draft([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        var before = await Intake.SubmitNew(ClusterFixture.Unique("o"), Request(customer, pl, 8, "CN"), "planner");

        var publication = await fixture.Client.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(version, denying, "officer");
        var after = await Intake.SubmitNew(ClusterFixture.Unique("o"), Request(customer, pl, 8, "CN"), "planner");

        Assert.Equal(OrderStatus.Approved, before.Status);
        Assert.Equal(OrderStatus.Rejected, after.Status);
        Assert.All(after.Gates, g => Assert.Equal(publication.Policy.Version, g.PolicyVersion));
    }

    [Fact]
    public async Task AnOrderFiledAfterItsProductLineIsRedefined_IsCheckedAgainstTheNewLotSize()
    {
        var pl = await _given.ProductLine(lotSize: 8);
        var customer = await _given.Customer();
        await Intake.SubmitNew(ClusterFixture.Unique("o"), Request(customer, pl, 8), "planner");

        await fixture.Client.GetGrain<IProductLineGrain>(pl).Define(new ProductLineDefinition(pl.ToUpperInvariant(), "Test", LifecycleStage.Ramp, 15832, 16));
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Intake.SubmitNew(ClusterFixture.Unique("o"), Request(customer, pl, 8), "planner"));

        Assert.Equal(["quantity"], refused.Errors.Keys);
        Assert.Equal(16, (await Intake.SubmitNew(ClusterFixture.Unique("o"), Request(customer, pl, 16), "planner")).Quantity);
    }

    [Fact]
    public async Task APageAnotherActivationOfTheBookWrote_RefusesTheOrder_ToBeRetried_AndKeepsNothingOfIt()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var first = ClusterFixture.Unique("o");
        await Intake.SubmitNew(first, Request(customer, pl, 8), "planner");
        // For a moment two activations of the book (a membership change): the other writes the page the next order goes on.
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var other = await PagedBook.LoadAsync(storage, fixture.Client.GetGrain<IAllocationGrain>(pl).GetGrainId());
        var elsewhere = BookPageTests.Order(ClusterFixture.Unique("o"));
        await other.PutAsync([elsewhere]);
        var refused = ClusterFixture.Unique("o");

        var error = await Assert.ThrowsAsync<BookReloadingException>(() => Intake.SubmitNew(refused, Request(customer, pl, 8), "planner"));

        Assert.Equal(pl, error.ProductLine);
        await Assert.ThrowsAsync<NotFoundException>(() => OrderGrain(refused).Get());
        // Retried under the same id once the book is read back, it is filed: nothing of the refused attempt was on file.
        await Eventually.Until(async () =>
        {
            try
            {
                return await Intake.SubmitNew(refused, Request(customer, pl, 8), "planner");
            }
            catch (BookReloadingException)
            {
                return null;
            }
        }, filed => filed is not null);
        Assert.Equal(8, (await OrderGrain(refused).Get()).Quantity);
        var listed = await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter());
        Assert.Equal(new[] { first, elsewhere.OrderId, refused }.Order(StringComparer.Ordinal), listed.Select(o => o.Id).Order(StringComparer.Ordinal));
    }

    private async Task<int> ActiveOrderGrains()
    {
        var statistics = await fixture.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(Orders.OrderGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
