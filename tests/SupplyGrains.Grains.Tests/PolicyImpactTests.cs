using Microsoft.Extensions.DependencyInjection;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Orders;

namespace SupplyGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class PolicyImpactTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Given _given = new(fixture.Client);

    private IPolicyGrain Policy => fixture.Client.GetGrain<IPolicyGrain>(IPolicyGrain.Key);

    private IReevaluationGrain Reevaluation(string id) => fixture.Client.GetGrain<IReevaluationGrain>(id);

    private static (string, OrderStatus, OrderStatus, string, string) Key(OrderImpact i) =>
        (i.OrderId, i.Before, i.After, string.Join(',', i.ReasonsBefore), string.Join(',', i.ReasonsAfter));

    [Fact]
    public async Task ImpactPreview_ChangesNothing_AndEqualsWhatPublishingThenDoes()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        var licensed = await _given.Customer("CN");
        var unlicensed = await _given.Customer("CN");
        var domestic = await _given.Customer("US");
        var willApprove = await _given.Order(licensed, pl, 80, shipTo: "CN");
        await _given.LicenseReDeciding(willApprove, 1000);
        var willAwait = await _given.Order(unlicensed, pl, 80, shipTo: "CN");
        var unmoved = await _given.Order(domestic, pl, 80);
        string[] ours = [willApprove.Id, willAwait.Id, unmoved.Id];
        Assert.All([willApprove, willAwait], o => Assert.Equal(OrderStatus.Rejected, o.Status));

        var (version, draft) = await fixture.Policies.Draft([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        var preview = await Reevaluation(await Policy.PreviewImpact(version, draft, "officer-2")).WaitForReport(Deadline);

        Assert.True(preview.Completed);
        Assert.True(preview.DryRun);
        Assert.Equal(version, preview.PolicyVersion);
        var previewed = preview.Orders.Where(o => ours.Contains(o.OrderId)).Select(Key).Order().ToList();
        (string, OrderStatus, OrderStatus, string, string)[] expected =
        [
            (willApprove.Id, OrderStatus.Rejected, OrderStatus.Approved, ReasonCodes.ExportDenied, ""),
            (willAwait.Id, OrderStatus.Rejected, OrderStatus.OnHold, ReasonCodes.ExportDenied, ReasonCodes.AwaitingExportLicense),
        ];
        Assert.Equal(expected.Order(), previewed);
        Assert.Equal(OrderStatus.Rejected, (await fixture.Client.GetGrain<IOrderGrain>(willApprove.Id).Get()).Status);
        Assert.NotEqual(version, (await Policy.GetCurrent())!.Version);
        await Assert.ThrowsAsync<NotFoundException>(() => Policy.GetImpactId(version)); // never published

        var publication = await Policy.Publish(version, draft, "officer-2");
        Assert.Equal(publication.ReevaluationId, await Policy.GetImpactId(version));
        var impact = await Reevaluation(publication.ReevaluationId!).WaitForReport(Deadline);

        Assert.True(impact.Completed);
        Assert.False(impact.DryRun);
        Assert.Equal(version, impact.PolicyVersion);
        Assert.Equal(previewed, impact.Orders.Where(o => ours.Contains(o.OrderId)).Select(Key).Order().ToList());
        Assert.True(impact.ByTransition["Rejected→Approved"] >= 1);
        Assert.True(impact.ByReason[ReasonCodes.AwaitingExportLicense] >= 1);
        Assert.Equal(impact.Orders.Count, impact.Changed);
        Assert.Equal(OrderStatus.Approved, (await fixture.Client.GetGrain<IOrderGrain>(willApprove.Id).Get()).Status);
        var book = await fixture.Client.GetGrain<IAllocationGrain>(pl).ListOrders(new OrderFilter());
        Assert.Equal(OrderStatus.Approved, book.Single(o => o.Id == willApprove.Id).Status);
        var audit = await fixture.Client.GetGrain<IOrderGrain>(unmoved.Id).GetAudit();
        Assert.Contains(audit, a => a.By == "officer-2" && a.Detail.Contains($"on policy v{version} published by officer-2 under policy v{version}"));
    }

    [Fact]
    public async Task BulkJobs_LeaveTheOrdersOnlyTheyWoke_OutOfMemory_AndKeepTheOnesInUse()
    {
        var pl = await _given.ProductLine();
        var customer = await _given.Customer();
        var intake = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<OrderIntake>();
        var filed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = ClusterFixture.Unique("o");
            await intake.SubmitNew(id, new OrderRequest(customer, pl, 8, Given.Week, UseCase.Training, "US"), "planner"); // filed cold
            filed.Add(id);
        }
        var inUse = await _given.Order(customer, pl, 8); // submitted through its grain, which stays active
        var (version, draft) = await fixture.Policies.Draft([]);

        var preview = await Reevaluation(await Policy.PreviewImpact(version, draft, "officer-3")).WaitForReport(Deadline);
        Assert.True(preview.Completed && preview.Failed == 0, $"{preview.Done} done, {preview.Failed} failed");
        await Eventually.Until(ActiveOrders, active => !active.Overlaps(filed));
        Assert.Contains(inUse.Id, await ActiveOrders());

        var publication = await Policy.Publish(version, draft, "officer-3");
        var impact = await Reevaluation(publication.ReevaluationId!).WaitForReport(Deadline);
        Assert.True(impact.Completed && impact.Failed == 0, $"{impact.Done} done, {impact.Failed} failed");
        await Eventually.Until(ActiveOrders, active => !active.Overlaps(filed));
        Assert.Contains(inUse.Id, await ActiveOrders());
        // The publication did reach the orders it let go: each recorded it (reading the audit wakes them again).
        foreach (var id in filed.Append(inUse.Id))
            Assert.Contains(await fixture.Client.GetGrain<IOrderGrain>(id).GetAudit(), e => e.By == "officer-3" && e.Detail.Contains($"on policy v{version} published"));
    }

    private async Task<HashSet<string>> ActiveOrders()
    {
        var orderType = fixture.Client.GetGrain<IOrderGrain>("o").GetGrainId().Type;
        var active = await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(orderType);
        return [.. active.Select(id => id.Key.ToString()!)];
    }

    [Fact]
    public async Task Reevaluate_AskedAgainUnderTheSameId_AnswersTheSame_AndRecordsItOnce()
    {
        var pl = await _given.ProductLine();
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 80, shipTo: "CN");
        await _given.LicenseReDeciding(order, 1000);
        var (version, draft) = await fixture.Policies.Draft([new ExportRule(pl, "CN", ExportTreatment.LicenseRequired)]);
        var publication = await Policy.Publish(version, draft, "tests");
        await Reevaluation(publication.ReevaluationId!).WaitForReport(Deadline);
        var grain = fixture.Client.GetGrain<IOrderGrain>(order.Id);
        var scope = new ReevaluationScope("a resumed re-evaluation", By: "tests");
        var auditBefore = (await grain.GetAudit()).Count;

        var first = await grain.Reevaluate("re-resumed", scope);
        var again = await grain.Reevaluate("re-resumed", scope);

        Assert.Equal(Key(first.Impact), Key(again.Impact));
        Assert.Equal((first.Entry.Status, first.Entry.Revision), (again.Entry.Status, again.Entry.Revision));
        Assert.Equal(auditBefore + 1, (await grain.GetAudit()).Count);
    }

    [Fact]
    public async Task OrderRejectedByANewVersion_ReleasesItsConfirmations()
    {
        var pl = await _given.ProductLine();
        await _given.Supply(pl, 64);
        await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Allowed)]);
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 32, shipTo: "CN");
        var run = await fixture.Client.GetGrain<IAllocationGrain>(pl).Run(ClusterFixture.Unique("run"),
            new AllocationRunRequest(pl, Given.Week, Given.Week, AllocationStrategy.FairShare, RunMode.Commit), "planner");
        Assert.Equal(32, run.Orders.Single().Allocated);

        var publication = await fixture.Policies.Publish([new ExportRule(pl, "CN", ExportTreatment.Denied)]);
        await Reevaluation(publication.ReevaluationId!).WaitForReport(Deadline);

        var after = await fixture.Client.GetGrain<IOrderGrain>(order.Id).Get();
        Assert.Equal(OrderStatus.Rejected, after.Status);
        Assert.Equal(0, after.Allocated);
        var week = await Eventually.Until(
            async () => (await fixture.Client.GetGrain<IProductLineGrain>(pl).Get()).Supply.Single(s => s.Week == Given.Week),
            w => w.Committed == 0);
        Assert.Equal(64, week.Available);
    }
}
