using System.Diagnostics;
using System.Net.Http.Json;

namespace SupplyGrains.HttpBench;

/// <summary>Puts the book into the silo through the public API: product line, fab, customers, then the orders.</summary>
internal static class Loader
{
    private const int InFlight = 64;

    public static async Task LoadAsync(HttpClient http, BenchBook book)
    {
        await Ok(await http.PutAsJsonAsync($"/api/product-lines/{book.ProductLine}",
            new { name = "Bench line", family = "Bench", stage = "Ramp", tpp = 15832, lotSize = BenchBook.LotSize }));
        await Ok(await http.PutAsJsonAsync($"/api/fabs/{book.ProductLine}-fab", new
        {
            name = "Bench fab",
            country = "TW",
            waferStartsPerWeek = 10_000_000,
            loads = new[]
            {
                new
                {
                    productLine = book.ProductLine, priority = 1, wafersPerWeek = book.UnitsPerWeek,
                    fromWeek = BenchBook.FirstWeek.ToString(), toWeek = BenchBook.FirstWeek.AddWeeks(BenchBook.Weeks - 1).ToString(),
                    diesPerWafer = 1, yieldStart = 1.0, yieldMature = 1.0, rampStartWeek = BenchBook.FirstWeek.ToString(), rampWeeks = 1, cycleTimeWeeks = 0,
                },
            },
        }));

        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, book.Customers), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (c, cancel) =>
            await Ok(await http.PutAsJsonAsync($"/api/customers/{book.CustomerId(c)}", new
            {
                name = $"Bench customer {c}", aliases = Array.Empty<string>(), country = BenchBook.Country(c), entityType = "Private",
                tier = BenchBook.Tier(c), weight = BenchBook.Weight(c), pastPurchases = 0,
            }, cancel)));
        Console.WriteLine($"customers: {book.Customers} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        started = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, book.Orders), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (o, cancel) =>
        {
            var c = book.CustomerOf(o);
            await Ok(await http.PostAsJsonAsync("/api/orders", new
            {
                customerId = book.CustomerId(c), productLine = book.ProductLine, quantity = BenchBook.Quantity(o),
                requestedWeek = BenchBook.Week(o).ToString(), useCase = "Training", shipToCountry = BenchBook.Country(c),
            }, cancel));
            if (Interlocked.Increment(ref done) % 10_000 == 0)
                Console.WriteLine($"orders: {done} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"orders: {book.Orders} in {seconds:F1} s = {book.Orders / seconds:F0}/s ({InFlight} in flight)");
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
