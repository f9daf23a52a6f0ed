using System.Net;
using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Silo.Tests;

/// <summary>Owns its silo processes: it kills one with SIGKILL and starts another on the same SQLite file.</summary>
public class DurabilityTests
{
    [Fact]
    public async Task EveryAcknowledgedWrite_SurvivesSigkillAndRestart()
    {
        using var data = new TemporaryDirectory();
        var acknowledged = new List<OrderView>();
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");

        await using (var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false))
        {
            using var http = silo.Client();
            await Define(http, pl, customer);

            // Orders stream in concurrently; the silo dies while they do. Only the 201s count as acknowledged.
            var stream = OrderStream.Start(http, customer, pl, acknowledged);
            await WaitUntil(() => acknowledged.Count >= 40);
            await silo.KillAsync();
            await stream.StopAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(data.Database, loadDemo: false);
        using var again = restarted.Client();
        foreach (var order in acknowledged)
        {
            var stored = await again.GetJson<OrderView>($"/api/orders/{order.Id}");
            Assert.Equal(order.Status, stored.Status);
            Assert.Equal(order.SubmittedAt, stored.SubmittedAt);
        }
        // The audit trail is part of what was acknowledged: the submission and the gates' decision, by whom.
        foreach (var order in acknowledged.Take(5))
        {
            var audit = await again.GetJson<AuditEvent[]>($"/api/orders/{order.Id}/audit");
            Assert.Equal(["Submitted", "GatesEvaluated"], audit.Select(a => a.Kind).Take(2));
            Assert.All(audit.Take(2), a => Assert.Equal("dev-admin", a.By));
        }
        var listed = await again.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}");
        Assert.Superset(acknowledged.Select(o => o.Id).ToHashSet(), listed.Select(o => o.Id).ToHashSet());
        // The book holds no order that is not on file (one in flight at the kill is in both or in neither).
        foreach (var summary in listed.ExceptBy(acknowledged.Select(o => o.Id), o => o.Id))
            Assert.Equal(summary.Status, (await again.GetJson<OrderView>($"/api/orders/{summary.Id}")).Status);
        Assert.Equal(64, (await again.GetJson<System.Text.Json.JsonElement>($"/api/product-lines/{pl}")).GetProperty("supply")[0].GetProperty("produced").GetInt32());
    }

    [Fact]
    public async Task Sigterm_WhileOrdersStreamIn_DrainsThem_ExitsCleanly_AndLosesNothing()
    {
        using var data = new TemporaryDirectory();
        var acknowledged = new List<OrderView>();
        var failures = new List<HttpStatusCode>();
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        int exitCode;

        await using (var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false))
        {
            using var http = silo.Client();
            await Define(http, pl, customer);
            var stream = OrderStream.Start(http, customer, pl, acknowledged, failures);
            await WaitUntil(() => acknowledged.Count >= 40);
            exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(60));
            await stream.StopAsync();
        }

        // A graceful stop answers what it accepted (no 5xx while draining) and exits with success.
        Assert.Equal(0, exitCode);
        Assert.Empty(failures);
        await using var restarted = await SiloProcess.StartAsync(data.Database, loadDemo: false);
        using var again = restarted.Client();
        var listed = (await again.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}")).Select(o => o.Id).ToHashSet();
        Assert.Subset(listed, acknowledged.Select(o => o.Id).ToHashSet());
    }

    [Fact]
    public async Task IdempotentSubmission_RetriedAfterARestart_ReturnsTheSameOrder()
    {
        using var data = new TemporaryDirectory();
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        var key = Guid.NewGuid().ToString();
        static async Task<OrderView> Submit(HttpClient http, string customer, string pl, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = System.Net.Http.Json.JsonContent.Create(Data.Order(customer, pl, 8)) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.Read<OrderView>();
        }

        OrderView first;
        await using (var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false))
        {
            using var http = silo.Client();
            await Define(http, pl, customer);
            first = await Submit(http, customer, pl, key);
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(data.Database, loadDemo: false);
        using var again = restarted.Client();
        var retried = await Submit(again, customer, pl, key);

        Assert.Equal((first.Id, first.SubmittedAt), (retried.Id, retried.SubmittedAt));
        Assert.Single(await again.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}"));
    }

    [Fact]
    public async Task CommittedRun_SurvivesSigkillAndRestart()
    {
        using var data = new TemporaryDirectory();
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        string orderId, runId;
        await using (var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false))
        {
            using var http = silo.Client();
            await Define(http, pl, customer);
            orderId = (await (await http.PostJson("/api/orders", Data.Order(customer, pl, 40))).Read<OrderView>()).Id;
            var run = await (await http.PostJson("/api/allocation-runs", new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W10", mode = "Commit" }))
                .Read<Contracts.Allocation.AllocationRunView>();
            runId = run.Id;
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(data.Database, loadDemo: false);
        using var again = restarted.Client();
        var order = await again.GetJson<OrderView>($"/api/orders/{orderId}");
        Assert.Equal(40, order.Allocated);
        Assert.Equal(runId, Assert.Single(order.Confirmations).RunId);
        var week = (await again.GetJson<System.Text.Json.JsonElement>($"/api/product-lines/{pl}")).GetProperty("supply")[0];
        Assert.Equal(40, week.GetProperty("committed").GetInt32());
        Assert.Equal(Contracts.Allocation.RunStatus.Committed, (await again.GetJson<Contracts.Allocation.AllocationRunView>($"/api/allocation-runs/{runId}")).Status);
    }

    [Fact]
    public async Task DemoStory_LoadsOnAnEmptyStoreOnly()
    {
        using var data = new TemporaryDirectory();
        await using (var silo = await SiloProcess.StartAsync(data.Database))
        {
            using var http = silo.Client();
            var orders = await http.GetJson<OrderSummary[]>("/api/orders?productLine=h200");
            Assert.NotEmpty(orders);
            (await http.PostAsync($"/api/orders/{orders[0].Id}/cancel", null)).EnsureSuccessStatusCode();
        }

        await using var restarted = await SiloProcess.StartAsync(data.Database);
        using var again = restarted.Client();
        var first = (await again.GetJson<OrderSummary[]>("/api/orders?productLine=h200"))[0];
        Assert.Equal(Domain.Orders.OrderStatus.Cancelled, first.Status); // not reloaded over the planner's changes
    }

    /// <summary>A policy that allows everything but military end users, a product line fed 64 units a week, a US customer.</summary>
    private static async Task Define(HttpClient http, string pl, string customer)
    {
        var policy = new { effectiveFrom = "2020-01-01", description = "allow all", export = new { rules = Array.Empty<object>(), deniedEntityTypes = new[] { "MilitaryAffiliated" }, deniedParties = Array.Empty<object>(), fuzzyThreshold = 0.9 }, import = Array.Empty<object>() };
        (await http.PutJson("/api/policies/1", policy)).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 64))).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>
    /// Eight clients submitting orders until stopped or until the silo stops listening: every 201 goes to
    /// <c>acknowledged</c>, any other status to <c>failures</c> when the caller asks for them.
    /// </summary>
    private sealed class OrderStream(CancellationTokenSource streaming, List<Task> submitters)
    {
        public static OrderStream Start(HttpClient http, string customer, string pl, List<OrderView> acknowledged, List<HttpStatusCode>? failures = null)
        {
            var streaming = new CancellationTokenSource();
            var submitters = Enumerable.Range(0, 8).Select(async _ =>
            {
                while (!streaming.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await http.PostJson("/api/orders", Data.Order(customer, pl, 8));
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            if (failures is not null) lock (failures) failures.Add(response.StatusCode);
                            continue;
                        }
                        var order = await response.Read<OrderView>();
                        lock (acknowledged) acknowledged.Add(order);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the silo is gone or stopped listening: a new request is refused
                    }
                }
            }).ToList();
            return new OrderStream(streaming, submitters);
        }

        public async Task StopAsync()
        {
            await streaming.CancelAsync();
            await Task.WhenAll(submitters);
            streaming.Dispose();
        }
    }
}
