using System.Net;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Testing;
using Xunit.Abstractions;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The cluster profile against real processes and a real PostgreSQL: silos on one database while orders stream in,
/// one of them killed with SIGKILL, or frozen (SIGSTOP) until the others declare it dead; PostgreSQL restarted.
/// </summary>
public sealed class PostgresClusterTests(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Log(string step) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {step}");

    [SkippableFact]
    public async Task ThreeSilos_SigkillTheAllocationHostMidIntake_NothingLostNothingTwice_BookIntact_RunsAgain()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await using var database = await PostgresDatabase.CreateAsync("cluster");
        await using var cluster = await PostgresCluster.StartAsync(database, silos: 3);
        Log("three silos ready");
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        using (var admin = cluster.Silos[0].Client()) await ClusterData.Define(admin, pl, customer);

        IReadOnlyList<SiloProcess> alive = [.. cluster.Silos];
        var stream = ClusterOrderStream.Start(() => Volatile.Read(ref alive), customer, pl);
        await stream.WaitForAcknowledged(60);
        Log("60 orders acknowledged");
        var allocation = (await cluster.Client()).GetGrain<IAllocationGrain>(pl);
        var victim = await cluster.HostOf(allocation) ?? throw new InvalidOperationException("The allocation grain is active nowhere while orders stream in.");
        Volatile.Write(ref alive, [.. alive.Where(s => s != victim)]);
        await victim.KillAsync();
        var atKill = stream.Acknowledged.Count;
        Log($"killed the allocation grain's host at {atKill} orders");
        // The survivors take the stream over: as many orders again after the failure as before it.
        await stream.WaitForAcknowledged(atKill + 60);
        await stream.StopAsync();
        Log($"stream stopped at {stream.Acknowledged.Count} orders; statuses {stream.Summary()}, unanswered {stream.Unanswered}");

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, stream.Statuses);
        using var survivor = alive[0].Client();
        var listed = await survivor.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}");
        Assert.Equal(listed.Length, listed.Select(o => o.Id).Distinct().Count());
        Assert.Equal(stream.Acknowledged.Keys.Order(), listed.Select(o => o.Id).Order());
        foreach (var order in stream.Acknowledged.Values.Take(20))
            Assert.Equal(order.SubmittedAt, (await survivor.GetJson<OrderView>($"/api/orders/{order.Id}")).SubmittedAt);

        // A run after the failure: the allocation grain lives on a survivor now, and its book holds every order.
        var run = await ClusterData.Run(survivor, pl, "Preview");
        var host = await cluster.HostOf(allocation);
        Assert.NotNull(host);
        Assert.Contains(host, alive);
        Assert.Superset(stream.Acknowledged.Keys.ToHashSet(), run.Orders.Select(o => o.OrderId).ToHashSet());
        Assert.Equal(stream.Acknowledged.Count, run.Orders.Count);
        using var committed = await survivor.PostAsync($"/api/allocation-runs/{run.Id}/commit", null);
        Assert.Equal(RunStatus.Committed, (await committed.Read<AllocationRunView>()).Status);
        Log("a run after the failure committed");

        // An Idempotency-Key names one order in the whole cluster: the same submission through each survivor is one order.
        var key = Guid.NewGuid().ToString();
        var copies = new List<OrderView>();
        foreach (var silo in alive)
        {
            using var http = silo.Client();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = System.Net.Http.Json.JsonContent.Create(Data.Order(customer, pl, 8), options: Api.Json) };
            request.Headers.Add("Idempotency-Key", key);
            copies.Add(await (await http.SendAsync(request)).Read<OrderView>());
        }
        Assert.Single(copies.Select(c => (c.Id, c.SubmittedAt)).Distinct());
        Assert.Equal(stream.Acknowledged.Count + 1, (await survivor.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}")).Length);
    }

    [SkippableFact]
    public async Task PostgresRestartUnderLoad_SilosAnswer503WhileItIsAway_AndRecoverWithoutARestart()
    {
        PrivatePostgresServer.SkipUnlessAvailable();
        await using var server = await PrivatePostgresServer.StartAsync();
        await using var database = await PostgresDatabase.CreateAsync("restart", server: server.ConnectionString);
        await using var cluster = await PostgresCluster.StartAsync(database, silos: 2);
        Log("private server and two silos ready");
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        using (var admin = cluster.Silos[0].Client()) await ClusterData.Define(admin, pl, customer);

        var stream = ClusterOrderStream.Start(() => cluster.Silos, customer, pl);
        await stream.WaitForAcknowledged(40);
        await server.StopAsync();
        var atStop = stream.Acknowledged.Count;
        Log($"PostgreSQL stopped at {atStop} orders");
        // While it is away: requests that need the store get 503 (never 500), and no silo calls itself ready.
        await Eventually.Until(() => Task.FromResult(stream.Statuses.Count(s => s == HttpStatusCode.ServiceUnavailable)), n => n >= 20, TimeSpan.FromSeconds(60));
        foreach (var silo in cluster.Silos)
        {
            await Eventually.Until(() => Health(silo, "ready"), s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
            // Alive and started all the same: an orchestrator must wait, not restart the silo.
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await Health(silo, "live"), await Health(silo, "startup")));
        }
        Log($"503s while away: {stream.Statuses.Count(s => s == HttpStatusCode.ServiceUnavailable)}");

        await server.StartAgainAsync();
        foreach (var silo in cluster.Silos)
            await Eventually.Until(() => Health(silo, "ready"), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await stream.WaitForAcknowledged(stream.Acknowledged.Count + 40);
        await stream.StopAsync();
        Log($"PostgreSQL back; stream stopped at {stream.Acknowledged.Count} orders; statuses {stream.Summary()}, unanswered {stream.Unanswered}");

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, stream.Statuses);
        Assert.All(stream.Statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        using var http = cluster.Silos[1].Client();
        var listed = await http.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}");
        Assert.Equal(stream.Acknowledged.Keys.Order(), listed.Select(o => o.Id).Order());
        var run = await ClusterData.Run(http, pl, "Commit");
        Assert.Equal((RunStatus.Committed, stream.Acknowledged.Count), (run.Status, run.Orders.Count));
    }

    [SkippableFact]
    public async Task TwoSilos_OnePausedUntilDeclaredDead_NeverAnswers500AsItWakes_AndNothingIsLost()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await using var database = await PostgresDatabase.CreateAsync("paused");
        await using var cluster = await PostgresCluster.StartAsync(database, silos: 2);
        var (survivor, sleeper) = (cluster.Silos[0], cluster.Silos[1]);
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        using (var admin = survivor.Client()) await ClusterData.Define(admin, pl, customer);

        var stream = ClusterOrderStream.Start(() => cluster.Silos, customer, pl);
        await stream.WaitForAcknowledged(40);
        sleeper.Pause();
        Log($"paused silo {sleeper.SiloPort} at {stream.Acknowledged.Count} orders");
        // The survivor stops hearing it and votes it dead (status 6, Orleans' SiloStatus.Dead): a frozen process looks the
        // same as a dead one from outside.
        await Eventually.Until(() => database.ScalarAsync<long>($"SELECT count(*) FROM orleans_membership WHERE port = {sleeper.SiloPort} AND status = 6"),
            dead => dead == 1, TimeSpan.FromSeconds(60));
        Log("declared dead");
        sleeper.Resume();

        // Woken, it learns it was declared dead, and stops. Until then it is asked for new grains (customers): whatever
        // it answers (it does not know at first), never a 500.
        var woken = new List<HttpStatusCode>();
        var unanswered = 0;
        using (var toSleeper = sleeper.Client())
        {
            toSleeper.Timeout = TimeSpan.FromSeconds(15);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!sleeper.HasExited && DateTime.UtcNow < deadline)
            {
                try
                {
                    using var response = await toSleeper.PutJson($"/api/customers/{Data.Unique("cu")}", Data.Customer());
                    woken.Add(response.StatusCode);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unanswered++;
                    await Task.Delay(TimeSpan.FromMilliseconds(20));
                }
            }
        }
        Log($"woken silo: exited {sleeper.HasExited}; statuses {string.Join(", ", woken.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}, unanswered {unanswered}");
        Assert.True(sleeper.HasExited, "A silo the cluster declared dead must stop by itself (an orchestrator then starts a new one).");
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, woken);

        await stream.WaitForAcknowledged(stream.Acknowledged.Count + 40);
        await stream.StopAsync();
        Log($"stream stopped at {stream.Acknowledged.Count} orders; statuses {stream.Summary()}, unanswered {stream.Unanswered}");
        // The survivor serves on, and holds every order that got a 201 (some of them from the sleeper), none twice.
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, stream.Statuses);
        using var http = survivor.Client();
        var listed = await http.GetJson<OrderSummary[]>($"/api/orders?customerId={customer}");
        Assert.Equal(stream.Acknowledged.Keys.Order(), listed.Select(o => o.Id).Order());
    }

    [SkippableFact]
    public async Task TwoSilos_ReportEachGrainSeriesOnce_FromTheSiloThatHostsTheGrain()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await using var database = await PostgresDatabase.CreateAsync("metrics");
        await using var cluster = await PostgresCluster.StartAsync(database, silos: 2);
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        using (var admin = cluster.Silos[0].Client()) await ClusterData.Define(admin, pl, customer);
        // Orders and a committed run through both silos, so both take part.
        foreach (var (silo, i) in cluster.Silos.Select((s, i) => (s, i)))
        {
            using var http = silo.Client();
            for (var n = 0; n < 3; n++) (await http.PostJson("/api/orders", Data.Order(customer, pl, 8))).EnsureSuccessStatusCode();
        }
        using (var http = cluster.Silos[1].Client()) await ClusterData.Run(http, pl, "Commit");

        var scrapes = new List<Scrape>();
        foreach (var silo in cluster.Silos) scrapes.Add(await Scrape.Of(silo.Client(apiKey: null)));

        string[] grainSeries = ["supplygrains_supply_units", "supplygrains_committed_units", "supplygrains_overcommitments", "supplygrains_fill_ratio"];
        foreach (var name in grainSeries)
            Assert.Single(scrapes.SelectMany(s => s.Samples(name, ("product_line", pl))));
        foreach (var status in new[] { "Approved" })
            Assert.Single(scrapes.SelectMany(s => s.Samples("supplygrains_orders", ("product_line", pl), ("status", status))));
        Assert.Equal(6, scrapes.Sum(s => s.Samples("supplygrains_orders", ("product_line", pl), ("status", "Approved")).Sum(x => x.Value)));
        Assert.Single(scrapes.SelectMany(s => s.Samples("supplygrains_horizon_units", ("product_line", pl), ("horizon_weeks", "4"), ("measure", "demand"))));
        // The series come from the silo where the grain lives.
        var bookHost = await cluster.HostOf((await cluster.Client()).GetGrain<IAllocationGrain>(pl));
        Assert.NotEmpty(scrapes[cluster.Silos.ToList().IndexOf(bookHost!)].Samples("supplygrains_orders", ("product_line", pl)));
    }

    private static async Task<HttpStatusCode> Health(SiloProcess silo, string probe)
    {
        using var http = silo.Client(apiKey: null);
        using var response = await http.GetAsync($"/health/{probe}");
        return response.StatusCode;
    }
}

/// <summary>What the cluster tests set up and run through the public API.</summary>
public static class ClusterData
{
    /// <summary>A policy that allows everything but military end users, a product line fed 64 units a week, a US customer.</summary>
    public static async Task Define(HttpClient http, string pl, string customer)
    {
        var policy = new { effectiveFrom = "2020-01-01", description = "allow all", export = new { rules = Array.Empty<object>(), deniedEntityTypes = new[] { "MilitaryAffiliated" }, deniedParties = Array.Empty<object>(), fuzzyThreshold = 0.9 }, import = Array.Empty<object>() };
        (await http.PutJson("/api/policies/1", policy)).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/fabs/{Data.Unique("fab")}", Data.Fab(pl, 64))).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();
    }

    public static async Task<AllocationRunView> Run(HttpClient http, string pl, string mode)
    {
        using var response = await http.PostJson("/api/allocation-runs", new { productLine = pl, fromWeek = "2032-W10", toWeek = "2032-W13", mode });
        return await response.Read<AllocationRunView>();
    }
}
