using System.Diagnostics;
using System.Net.Http.Json;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.HttpBench;

// Usage: dotnet run -c Release --project bench/SupplyGrains.HttpBench -- [orders] [url] [apiKey]
// BENCH_NO_RATIO=1 leaves the destination ratio out of both sides.
// BENCH_MODE=reevaluation times an impact preview and a re-publication of the policy in force instead of previews
// (BENCH_SKIP_PREVIEW=1: the publication alone, on order grains not yet active).
// BENCH_MODE=intake measures order intake beside GET /api/ping (the first argument is then the number of customers;
// BENCH_ROUNDS, BENCH_SECONDS, BENCH_IN_FLIGHT, BENCH_PRODUCT_LINES, BENCH_PACED_PERCENT, BENCH_PACED_RATE,
// BENCH_WARMUP_SECONDS tune it, BENCH_SILO_PID adds the silo's CPU per request: see Intake.cs).
// BENCH_MODE=load loads the book and stops (bench/book-activation.sh then times reading it back).
// Against a silo started with `dotnet run -c Release --project src/SupplyGrains.Silo` (its demo policies must be in force).
// Three positional arguments are all this tool takes, so it parses them itself.
var orders = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var url = args.Length > 1 ? args[1] : "http://127.0.0.1:5000";
var key = args.Length > 2 ? args[2] : "dev-admin";
if (Environment.GetEnvironmentVariable("BENCH_MODE") == "intake")
{
    await Intake.MeasureAsync(new Uri(url), key, customers: args.Length > 0 ? orders : 1_000);
    return;
}
// BENCH_PRODUCT_LINE names a product line an earlier run of this tool loaded with the same number of orders: no reload.
var reuse = Environment.GetEnvironmentVariable("BENCH_PRODUCT_LINE");
var book = new BenchBook(reuse ?? $"bench-{Guid.NewGuid():N}"[..16], orders, Math.Max(1, orders / 10));
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);

Console.WriteLine($"book: {book.Orders} orders from {book.Customers} customers, {BenchBook.Weeks} weeks, {book.UnitsPerWeek} units a week, product line {book.ProductLine}");
if (reuse is null) await Loader.LoadAsync(http, book);
if (Environment.GetEnvironmentVariable("BENCH_MODE") == "load") return;
if (Environment.GetEnvironmentVariable("BENCH_MODE") == "reevaluation")
{
    await Reevaluation.MeasureAsync(http);
    return;
}

var problem = book.Problem(withRatio: Environment.GetEnvironmentVariable("BENCH_NO_RATIO") is null);

// Side by side, alternating, so that noise on this machine hits both alike.
var request = new
{
    productLine = book.ProductLine,
    fromWeek = BenchBook.FirstWeek.ToString(),
    toWeek = BenchBook.FirstWeek.AddWeeks(BenchBook.Weeks - 1).ToString(),
    strategy = "FairShare",
    mode = "Preview",
    caps = new
    {
        maxCustomerShare = BenchBook.Caps.MaxCustomerShare,
        destinationRatio = problem.Caps.DestinationRatio?.Select(r => new { destination = r.Destination, relativeTo = r.RelativeTo, maxRatio = r.MaxRatio }),
    },
};
var engine = new List<double>();
var api = new List<double>();
for (var i = 0; i < 7; i++)
{
    var started = Stopwatch.GetTimestamp();
    var outcome = AllocationEngine.Allocate(problem);
    engine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsJsonAsync("/api/allocation-runs?detail=summary", request);
    var body = await response.Content.ReadAsByteArrayAsync();
    api.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"preview failed: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
    if (i == 0)
        Console.WriteLine($"engine allocated {outcome.Weeks.Sum(w => w.Allocated)} units; HTTP response {body.Length / 1024} KiB");
}

static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
Console.WriteLine($"engine median {Median(engine):F0} ms; HTTP preview median {Median(api):F0} ms " +
                  $"(target ≤ 1.5 × engine + 50 ms = {1.5 * Median(engine) + 50:F0} ms); runs {string.Join(" ", api.Select(x => x.ToString("F0")))}");
