using SupplyGrains.Cli.Import;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Contracts.Scenarios;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Tests;

/// <summary>Submitting, cancelling, reviewing and importing orders, on a product line of each test's own.</summary>
[Collection(StoryCollection.Name)]
public sealed class OrderCommandTests(StoryCluster story)
{
    private readonly Cli _cli = story.Cli;

    private Task<CliResult> Submit(Workbench bench, string customer, int quantity, string shipTo, string? id = null, params string[] more) =>
        _cli.Run([.. new[] { "orders", "submit", "-c", customer, "-p", bench.ProductLine, "-q", quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-w", "2027-W10", "-u", "Training", "--ship-to", shipTo, "--as", "planner-test" }, .. id is null ? [] : new[] { "--id", id }, .. more]);

    [Fact]
    public async Task ScenarioLoad_DefinesWhatItNames_AndLoadingItAgainChangesNothing()
    {
        var bench = Workbench.Create();
        var order = StoryCluster.Unique("o");
        var file = bench.ScenarioFile($$"""
            "{{order}}": { "customerId": "{{bench.UsBuyer}}", "productLine": "{{bench.ProductLine}}", "quantity": 16, "requestedWeek": "2027-W10", "useCase": "Training", "shipToCountry": "US" }
            """);

        var first = await _cli.Run("scenario", "load", file, "--json");
        var again = await _cli.Run("scenario", "load", file);

        first.AssertExit(ExitCode.Ok);
        var report = first.Json<ScenarioReport>();
        Assert.Equal((1, 2, 1), (report.ProductLines, report.Customers, report.Orders));
        Assert.Equal(1, report.OrdersByStatus[OrderStatus.Approved]);
        again.AssertExit(ExitCode.Ok);
        Assert.Contains($"Loaded scenario {bench.Name}", again.Out);
        Assert.Matches(@"│ Approved │\s+1 │", again.Out);
        var orders = (await _cli.Run("orders", "list", "-p", bench.ProductLine, "--json")).Json<List<OrderSummary>>();
        Assert.Equal([order], orders.Select(o => o.Id));
    }

    [Fact]
    public async Task OrdersSubmit_PassesTheGates_AndARetryUnderItsIdIsSafe()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var id = StoryCluster.Unique("o");

        var submitted = await Submit(bench, bench.UsBuyer, 80, "US", id, "--class", "Gain", "--json");
        var retried = await Submit(bench, bench.UsBuyer, 80, "US", id, "--class", "Gain");
        var different = await Submit(bench, bench.UsBuyer, 88, "US", id, "--class", "Gain");

        var order = submitted.AssertExit(ExitCode.Ok).Json<OrderView>();
        Assert.Equal((id, OrderStatus.Approved, 80, ConfirmationClass.Gain, "planner-test"), (order.Id, order.Status, order.Quantity, order.ConfirmationClass, order.SubmittedBy));
        retried.AssertExit(ExitCode.Ok);
        Assert.Contains("Approved", retried.Out);
        different.AssertExit(ExitCode.Conflict);
        Assert.Contains($"Order '{id}' was already submitted with different content", different.Error);
    }

    [Fact]
    public async Task OrdersSubmit_WithoutAnId_GetsANewOne()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);

        var first = (await Submit(bench, bench.UsBuyer, 8, "US", null, "--json")).Json<OrderView>();
        var second = (await Submit(bench, bench.UsBuyer, 8, "US", null, "--json")).Json<OrderView>();

        Assert.StartsWith("o-", first.Id, StringComparison.Ordinal);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task OrdersSubmit_NotWholeLots_IsInvalidInput_NamingTheField()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);

        var result = await Submit(bench, bench.UsBuyer, 12, "US");

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains($"quantity: must be a positive multiple of the {bench.ProductLine} lot size (8 units)", result.Error);
    }

    [Fact]
    public async Task OrdersSubmit_UnknownCustomer_IsInvalidInput()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);

        var result = await Submit(bench, "nobody-at-all", 8, "US");

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("customerId: unknown customer 'nobody-at-all'", result.Error);
    }

    [Fact]
    public async Task OrdersSubmit_FromAMilitaryBuyer_IsRejected_WithTheReason()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);

        var result = await Submit(bench, bench.MilitaryBuyer, 8, "CN");

        result.AssertExit(ExitCode.Ok);
        Assert.Contains("Rejected", result.Out);
        Assert.Contains("MILITARY_END_USER", result.Out);
    }

    [Fact]
    public async Task OrdersReview_ClearsADiversionHold()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var id = StoryCluster.Unique("o");
        var held = (await Submit(bench, bench.UsBuyer, 8, "MY", id, "--json")).Json<OrderView>();

        var cleared = await _cli.Run("orders", "review", id, "Clear", "--note", "ships to our own MY data center", "--as", "compliance-test", "--json");
        var again = await _cli.Run("orders", "review", id, "Clear");

        Assert.Equal(OrderStatus.OnHold, held.Status);
        Assert.Contains(held.Gates, g => g.Reason == "DIVERSION_REVIEW");
        Assert.Equal(OrderStatus.Approved, cleared.AssertExit(ExitCode.Ok).Json<OrderView>().Status);
        again.AssertExit(ExitCode.Conflict);
        Assert.Contains("has no screening or diversion hold to review", again.Error);
    }

    [Fact]
    public async Task OrdersCancel_CancelsTheOrder()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var id = StoryCluster.Unique("o");
        await Submit(bench, bench.UsBuyer, 8, "US", id);

        var result = await _cli.Run("orders", "cancel", id, "--json");

        Assert.Equal(OrderStatus.Cancelled, result.AssertExit(ExitCode.Ok).Json<OrderView>().Status);
    }

    [Fact]
    public async Task OrdersImport_SubmitsEveryRow_AndSumsUpAcceptedHeldAndRejected()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var (ok, held, rejected) = (StoryCluster.Unique("o"), StoryCluster.Unique("o"), StoryCluster.Unique("o"));
        var file = Story.File("orders.csv", $"""
            id,customerId,productLine,quantity,requestedWeek,useCase,shipToCountry
            {ok},{bench.UsBuyer},{bench.ProductLine},80,2027-W10,Training,US
            {held},{bench.UsBuyer},{bench.ProductLine},16,2027-W11,Inference,MY
            {rejected},{bench.MilitaryBuyer},{bench.ProductLine},8,2027-W12,Research,CN
            """);

        var text = await _cli.Run("orders", "import", file, "--as", "importer");
        var again = await _cli.Run("orders", "import", file, "--json");

        text.AssertExit(ExitCode.Ok);
        Assert.Matches(@"│ accepted \(Approved\) │\s+1 │", text.Out);
        Assert.Matches(@"│ held \(OnHold\)\s+│\s+1 │", text.Out);
        Assert.Matches(@"│ rejected\s+│\s+1 │", text.Out);
        Assert.Matches(@"│ DIVERSION_REVIEW\s+│\s+1 │\s+0 │", text.Out);
        Assert.Matches(@"│ MILITARY_END_USER\s+│\s+0 │\s+1 │", text.Out);
        Assert.Matches($@"│\s+3 │ {held}\s+│", text.Out);
        Assert.Matches($@"│\s+4 │ {rejected}\s+│", text.Out);
        Assert.DoesNotContain(ok, text.Out); // accepted rows need no one's attention
        Assert.DoesNotContain("Submitting", text.Out); // no progress bar where no one watches

        var summary = again.AssertExit(ExitCode.Ok).Json<ImportSummary>();
        Assert.Equal((3, 1, 1, 1, 0), (summary.Rows, summary.Accepted, summary.Held, summary.Rejected, summary.Failed));
        Assert.Equal([ok, held, rejected], summary.Orders.Select(o => o.OrderId));
        var orders = (await _cli.Run("orders", "list", "-p", bench.ProductLine, "--json")).Json<List<OrderSummary>>();
        Assert.Equal(3, orders.Count); // the re-import found the same orders under their ids
        Assert.Equal("importer", (await _cli.Run("orders", "show", ok, "--json")).Json<OrderView>().SubmittedBy);
    }

    [Fact]
    public async Task OrdersImport_OnATerminal_ShowsAProgressBar()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var rows = Enumerable.Range(0, 40).Select(i => $"{bench.UsBuyer},{bench.ProductLine},8,2027-W10,Training,US");
        var file = Story.File("many.csv", "customerId,productLine,quantity,requestedWeek,useCase,shipToCountry\n" + string.Join('\n', rows) + "\n");

        var result = await _cli.Run(interactive: true, "orders", "import", file);

        result.AssertExit(ExitCode.Ok);
        Assert.Contains("Submitting 40 orders", result.Out);
        Assert.Contains("100%", result.Out);
        Assert.Matches(@"│ accepted \(Approved\) │\s+40 │", result.Out);
    }

    [Fact]
    public async Task OrdersImport_RowsNamingUnknownThingsOrBrokenLots_AreRefusedBeforeAnythingIsSubmitted()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        // Fixed ids from the story (read only) and none of the bench's, so the report is the same on every run.
        var file = Story.File("references.csv", """
            customerId,productLine,quantity,requestedWeek,useCase,shipToCountry
            microsoft,h200,801,2027-W10,Training,US
            nobody-at-all,h200,800,2027-W10,Training,US
            microsoft,h999,800,2027-W10,Training,US
            microsoft,h200,800,2027-W10,Training,US
            """);

        var result = await _cli.Run("orders", "import", file);
        var h200 = (await _cli.Run("orders", "list", "-c", "microsoft", "-p", "h200", "--json")).Json<List<OrderSummary>>();

        result.AssertExit(ExitCode.InvalidInput);
        Snapshot.Match("csv-import-references", result.Error);
        Assert.Equal(["microsoft-h200-1", "microsoft-h200-ie"], h200.Select(o => o.Id).Order(StringComparer.Ordinal)); // line 5 was valid, and still not submitted
    }

    [Fact]
    public async Task OrdersImport_ARowTheGrainsRefuse_IsReported_AndTheRestGoIn()
    {
        var bench = Workbench.Create();
        await bench.Load(_cli);
        var (taken, fresh) = (StoryCluster.Unique("o"), StoryCluster.Unique("o"));
        await Submit(bench, bench.UsBuyer, 8, "US", taken);
        var file = Story.File("conflict.csv", $"""
            id,customerId,productLine,quantity,requestedWeek,useCase,shipToCountry
            {taken},{bench.UsBuyer},{bench.ProductLine},16,2027-W10,Training,US
            {fresh},{bench.UsBuyer},{bench.ProductLine},16,2027-W10,Training,US
            """);

        var result = await _cli.Run("orders", "import", file);

        result.AssertExit(ExitCode.Conflict);
        Assert.Matches(@"│ failed to submit\s+│\s+1 │", result.Out);
        Assert.Contains("was already submitted with different content", result.Out);
        Assert.Contains("1 row(s) could not be submitted; the first, line 2:", result.Error);
        Assert.Equal(OrderStatus.Approved, (await _cli.Run("orders", "show", fresh, "--json")).Json<OrderView>().Status);
    }
}
