using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace SupplyGrains.HttpBench;

/// <summary>
/// Durable order intake beside the HTTP → grain ping, against one running silo, in the same run: after a warm-up,
/// rounds alternate a ping phase (<c>GET /api/ping</c>) and an intake phase (<c>POST /api/orders</c>, every gate run,
/// the order and its book entry durable before the 201), each closed-loop with a fixed number of requests in flight
/// for a fixed time. Then an open-loop run paces intake at a quarter of the median ping rate, to read its p99 at that rate.
/// </summary>
internal static class Intake
{
    public static async Task MeasureAsync(Uri url, string key, int customers)
    {
        var rounds = Setting("BENCH_ROUNDS", 5);
        var seconds = Setting("BENCH_SECONDS", 10);
        var inFlight = Setting("BENCH_IN_FLIGHT", 64);
        var productLines = Setting("BENCH_PRODUCT_LINES", 2);
        var pacedShare = Setting("BENCH_PACED_PERCENT", 25) / 100.0;
        var warmUp = TimeSpan.FromSeconds(Setting("BENCH_WARMUP_SECONDS", 10));
        var pacedDuration = TimeSpan.FromSeconds(Setting("BENCH_PACED_SECONDS", seconds));
        var duration = TimeSpan.FromSeconds(seconds);

        using var http = Client(url, key, maxConnections: 1024);
        var mix = new IntakeMix($"in{Guid.NewGuid():N}"[..10], customers, productLines);
        await DefineAsync(http, mix);
        mix.Prepare();
        Console.WriteLine($"intake: {customers} customers on {productLines} product lines ({string.Join(", ", mix.ProductLineIds)}); " +
                          $"{rounds} rounds of {seconds} s ping then {seconds} s intake, {inFlight} in flight");

        long next = 0;
        HttpRequestMessage Ping() => new(HttpMethod.Get, "/api/ping");
        HttpRequestMessage Submit() => new(HttpMethod.Post, "/api/orders") { Content = mix.Order(Interlocked.Increment(ref next)) };

        // Warm-up (not counted): connections, the customers', product lines' and allocations' activations, and JIT on both
        // sides: a fresh silo spends its first minute compiling its hot paths again with tiered PGO, on the same two cores.
        Console.WriteLine($"warm-up: {await ClosedLoopAsync(http, "ping", Ping, HttpStatusCode.OK, inFlight, warmUp)}");
        Console.WriteLine($"warm-up: {await ClosedLoopAsync(http, "intake", Submit, HttpStatusCode.Created, inFlight, warmUp)}");
        // A silo in service is scraped from its start. Its first scrape compiles the exporter's code and took ~200 ms on
        // a silo under load; made inside the paced run (which reads the silo's histograms), it was that run's p99. The
        // silo now makes that scrape itself before it is ready; BENCH_WARMUP_SCRAPE=0 leaves it to the paced run, to show that.
        if (Environment.GetEnvironmentVariable("BENCH_WARMUP_SCRAPE") != "0") await SiloHistogram.ReadAsync(http);

        var results = new List<(PhaseResult Ping, PhaseResult Intake)>();
        for (var round = 1; round <= rounds; round++)
        {
            var ping = await ClosedLoopAsync(http, "ping", Ping, HttpStatusCode.OK, inFlight, duration);
            var intake = await ClosedLoopAsync(http, "intake", Submit, HttpStatusCode.Created, inFlight, duration);
            results.Add((ping, intake));
            Console.WriteLine($"round {round}: {ping}");
            Console.WriteLine($"round {round}: {intake}");
            Console.WriteLine($"round {round}: intake / ping = {intake.Rate / ping.Rate:P1}");
        }

        Console.WriteLine();
        Console.WriteLine("| round | ping /s | ping p50 | ping p99 | intake /s | intake p50 | intake p99 | intake / ping | failed | silo CPU µs / ping | silo CPU µs / order |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < results.Count; i++)
        {
            var (p, n) = results[i];
            Console.WriteLine($"| {i + 1} | {p.Rate:F0} | {p.P50:F1} ms | {p.P99:F1} ms | {n.Rate:F0} | {n.P50:F1} ms | {n.P99:F1} ms | {n.Rate / p.Rate:P1} | {p.Failed + n.Failed} | {Us(p.SiloCpuPerRequestUs)} | {Us(n.SiloCpuPerRequestUs)} |");
        }
        var medianPing = Median(results.Select(r => r.Ping.Rate));
        var medianIntake = Median(results.Select(r => r.Intake.Rate));
        Console.WriteLine($"| median | {medianPing:F0} | {Median(results.Select(r => r.Ping.P50)):F1} ms | {Median(results.Select(r => r.Ping.P99)):F1} ms | " +
                          $"{medianIntake:F0} | {Median(results.Select(r => r.Intake.P50)):F1} ms | {Median(results.Select(r => r.Intake.P99)):F1} ms | " +
                          $"{Median(results.Select(r => r.Intake.Rate / r.Ping.Rate)):P1} | {results.Sum(r => r.Ping.Failed + r.Intake.Failed)} | " +
                          $"{Us(MedianOrNull(results.Select(r => r.Ping.SiloCpuPerRequestUs)))} | {Us(MedianOrNull(results.Select(r => r.Intake.SiloCpuPerRequestUs)))} |");

        // Closed-loop p99 at the maximum rate says little about p99 at the target rate: pace it, open loop, and time each
        // order from when it was due (not from when it was sent), so a stall counts against every order it delayed.
        // A rate the closed loop never reached cannot be held open loop: the backlog would only grow, and its p99 say nothing.
        var rate = Setting("BENCH_PACED_RATE", 0) is > 0 and var fixedRate ? fixedRate : pacedShare * medianPing;
        Console.WriteLine();
        if (rate > medianIntake)
        {
            Console.WriteLine($"paced run skipped: {rate:F0}/s ({pacedShare:P0} of the median ping rate) is above the {medianIntake:F0}/s intake reached closed loop " +
                              "(BENCH_PACED_RATE=<orders/s> paces at a rate of your choice)");
        }
        else
        {
            // A fixed set of connections, opened before the clock starts, as wrk2 paces: with the pool unbounded, a stall of
            // the silo made the tool open a connection for every order due meanwhile (1,024 in a run), and the handshakes
            // were then timed as the silo's tail. An order waiting for a free connection is still timed from when it was due.
            var connections = Setting("BENCH_PACED_CONNECTIONS", 128);
            using var pacedHttp = Client(url, key, connections);
            await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => SendAsync(pacedHttp, Ping(), HttpStatusCode.OK)));
            // The schedule runs at the rate before any order is timed, as wrk2 runs 10 s before it records: the p99 asked
            // for is the one at that rate, not the one of the step from the closed loop's last round to it.
            var settle = TimeSpan.FromSeconds(Setting("BENCH_PACED_SETTLE_SECONDS", 10));
            var paced = await PacedAsync(pacedHttp, "intake paced", Submit, HttpStatusCode.Created, rate, settle, pacedDuration);
            Console.WriteLine($"paced at {rate:F0}/s ({rate / medianPing:P0} of the median ping rate, open loop, {connections} connections, " +
                              $"timed after {settle.TotalSeconds:F0} s at that rate): {paced.Result}");
            if (paced.WindowP99s.Count > 1)
                Console.WriteLine($"paced run, p99 of each {PacedWindow.TotalSeconds:F0} s: {string.Join(", ", paced.WindowP99s.Select(p => $"{p:F1}"))} ms");
            foreach (var (before, after) in paced.Before.Zip(paced.After))
            {
                if (before is not null && after is not null) Console.WriteLine($"paced run, as the silo saw it: {after.Since(before)}");
            }
        }
        Console.WriteLine($"orders submitted in this run: {next}");
    }

    private static async Task DefineAsync(HttpClient http, IntakeMix mix)
    {
        foreach (var pl in mix.ProductLineIds)
        {
            await Ok(await http.PutAsJsonAsync($"/api/product-lines/{pl}",
                new { name = $"Intake bench {pl}", family = "Bench", stage = "Ramp", tpp = 15832, lotSize = IntakeMix.LotSize }));
            await Ok(await http.PutAsJsonAsync($"/api/fabs/{pl}-fab", new
            {
                name = "Intake bench fab",
                country = "TW",
                waferStartsPerWeek = 1_000_000,
                loads = new[]
                {
                    new
                    {
                        productLine = pl, priority = 1, wafersPerWeek = 100_000,
                        fromWeek = IntakeMix.FirstWeek.ToString(), toWeek = IntakeMix.FirstWeek.AddWeeks(11).ToString(),
                        diesPerWafer = 1, yieldStart = 1.0, yieldMature = 1.0, rampStartWeek = IntakeMix.FirstWeek.ToString(), rampWeeks = 1, cycleTimeWeeks = 0,
                    },
                },
            }));
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, mix.Customers), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, cancel) =>
            await Ok(await http.PutAsJsonAsync($"/api/customers/{mix.CustomerId(c)}", mix.Customer(c), cancel)));
    }

    private static async Task<PhaseResult> ClosedLoopAsync(
        HttpClient http, string name, Func<HttpRequestMessage> request, HttpStatusCode expected, int inFlight, TimeSpan duration)
    {
        var cpu = CpuMeter.Start();
        var latencies = new List<double>[inFlight];
        var ok = 0;
        var failed = 0;
        string? firstFailure = null;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var sent = Stopwatch.GetTimestamp();
                var outcome = await SendAsync(http, request(), expected);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (outcome is null) Interlocked.Increment(ref ok);
                else if (Interlocked.Increment(ref failed) == 1) firstFailure = outcome;
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (siloCpu, toolCpu, toolGc) = cpu.Stop();
        return new PhaseResult(name, ok, failed, elapsed, [.. latencies.SelectMany(l => l).Order()], firstFailure) { SiloCpu = siloCpu, ToolCpu = toolCpu, ToolGc = toolGc };
    }

    /// <summary>
    /// Sends <paramref name="request"/> at <paramref name="perSecond"/> for <paramref name="settle"/> plus
    /// <paramref name="duration"/>, and times the orders due in the second part only, each from when it was due. The
    /// silo's <see cref="Histograms"/> are read as the timed part starts and after its last answer. With <c>BENCH_PACED_TRACE</c>
    /// set to a file, a first line with the timed part's start on the monotonic clock, then one per timed order: due (ms
    /// after the timed part began), latency and send lag (ms). Also the p99 of each <see cref="PacedWindow"/> of due times,
    /// so a long run shows whether its tail is spread or a few spells.
    /// </summary>
    private static async Task<(PhaseResult Result, IReadOnlyList<SiloHistogram?> Before, IReadOnlyList<SiloHistogram?> After, IReadOnlyList<double> WindowP99s)> PacedAsync(
        HttpClient http, string name, Func<HttpRequestMessage> request, HttpStatusCode expected, double perSecond, TimeSpan settle, TimeSpan duration)
    {
        var untimed = (long)(perSecond * settle.TotalSeconds);
        var total = untimed + (long)(perSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / perSecond;
        var timed = new List<(long Due, double LatencyMs, double LagMs)>();
        var sending = new List<Task>();
        var ok = 0;
        var failed = 0;
        string? firstFailure = null;
        CpuMeter? cpu = null;
        Task<IReadOnlyList<SiloHistogram?>>? before = null;
        var started = Stopwatch.GetTimestamp();
        var timedFrom = started + (long)(untimed * interval);
        for (long i = 0; i < total; i++)
        {
            var due = started + (long)(i * interval);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000) await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            if (i == untimed)
            {
                cpu = CpuMeter.Start();
                before = SiloHistogram.ReadAsync(http, Histograms);
            }
            var isTimed = i >= untimed;
            sending.Add(Task.Run(async () =>
            {
                var lag = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                var outcome = await SendAsync(http, request(), expected);
                var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                // A failure counts whenever it happens; only the timed part's answers count as answered.
                if (outcome is not null)
                {
                    if (Interlocked.Increment(ref failed) == 1) firstFailure = outcome;
                }
                else if (isTimed)
                {
                    Interlocked.Increment(ref ok);
                    lock (timed) timed.Add((due, latency, lag));
                }
            }));
        }
        await Task.WhenAll(sending);
        var elapsed = Stopwatch.GetElapsedTime(timedFrom);
        var (siloCpu, toolCpu, toolGc) = (cpu ?? CpuMeter.Start()).Stop();
        var after = await SiloHistogram.ReadAsync(http, Histograms);
        if (Environment.GetEnvironmentVariable("BENCH_PACED_TRACE") is { Length: > 0 } traceFile)
            // The first line places the timed part on the machine's monotonic clock (Stopwatch's on Linux), so the trace
            // lines up with a system trace of the run (perf record -k mono).
            await File.WriteAllLinesAsync(traceFile, timed.OrderBy(t => t.Due).Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(t.Due - timedFrom) * 1000.0 / Stopwatch.Frequency:F2} {t.LatencyMs:F2} {t.LagMs:F2}")).Prepend(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"# timed part began at {timedFrom / (double)Stopwatch.Frequency:F6} s of the monotonic clock; then per order: due (ms after that), latency (ms), send lag (ms)")));
        var result = new PhaseResult(name, ok, failed, elapsed, [.. timed.Select(t => t.LatencyMs).Order()], firstFailure) { SiloCpu = siloCpu, ToolCpu = toolCpu, ToolGc = toolGc };
        var windowTicks = (long)(PacedWindow.TotalSeconds * Stopwatch.Frequency);
        var windowP99s = timed.GroupBy(t => (t.Due - timedFrom) / windowTicks).OrderBy(g => g.Key)
            .Select(g => PhaseResult.NearestRank([.. g.Select(t => t.LatencyMs).Order()], 0.99)).ToList();
        return (result, before is null ? [] : await before, after, windowP99s);
    }

    /// <summary>The span a long paced run's p99 is also given for, one value each: a timed part's default length.</summary>
    private static readonly TimeSpan PacedWindow = TimeSpan.FromSeconds(10);

    private static readonly SiloHistogram.Kind[] Histograms = [SiloHistogram.StoreWrites, SiloHistogram.OrderRequests];

    /// <summary>Sends and reads the whole answer; null when it had the expected status, else what went wrong.</summary>
    private static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead))
            {
                if (response.StatusCode == expected) return null;
                var body = await response.Content.ReadAsStringAsync();
                return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private static HttpClient Client(Uri url, string key, int maxConnections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string Us(double? us) => us is { } v ? v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private static double? MedianOrNull(IEnumerable<double?> xs) => xs.All(x => x.HasValue) ? Median(xs.Select(x => x!.Value)) : null;

    private static double Median(IEnumerable<double> xs)
    {
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
