using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SupplyGrains.HttpBench;

/// <summary>
/// Times what a rule change costs: an impact preview of the policy in force (a dry run over every open order), then
/// publishing it again as a new version, which re-decides every open order (each order's gates, its durable write
/// and audit line, its book entry), read from the version's impact report until it completes.
/// </summary>
internal static class Reevaluation
{
    public static async Task MeasureAsync(HttpClient http)
    {
        var current = await http.GetFromJsonAsync<JsonObject>("/api/policies/current") ?? throw new InvalidOperationException("no policy in force");
        var version = (int)current["version"]! + 1;
        var document = current["document"]!.DeepClone().AsObject();
        document["description"] = $"{document["description"]} (re-published by the re-evaluation benchmark as v{version})";

        // BENCH_SKIP_PREVIEW=1 publishes straight away: the dry run activates every order grain, so the publication
        // after it runs warm; without it, orders filed by the intake and never used since are read from the store.
        if (Environment.GetEnvironmentVariable("BENCH_SKIP_PREVIEW") is null)
        {
            var previewStarted = Stopwatch.GetTimestamp();
            using var preview = await http.PostAsJsonAsync($"/api/policies/{version}/impact-preview", document);
            var previewReport = await preview.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("empty preview");
            if (!preview.IsSuccessStatusCode) throw new InvalidOperationException($"impact preview: {(int)preview.StatusCode} {previewReport}");
            previewReport = await Completed(http, $"/api/policies/reevaluations/{previewReport["id"]}", previewReport);
            Report("impact preview (dry run)", previewReport, Stopwatch.GetElapsedTime(previewStarted));
        }

        var started = Stopwatch.GetTimestamp();
        using var published = await http.PutAsJsonAsync($"/api/policies/{version}", document);
        if (!published.IsSuccessStatusCode) throw new InvalidOperationException($"publish: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");
        var report = await Completed(http, $"/api/policies/{version}/impact", null);
        Report($"re-evaluation on publishing v{version}", report, Stopwatch.GetElapsedTime(started));
    }

    // Polling, not waiting: this is the client a dashboard would be, reading progress as it goes.
    private static async Task<JsonObject> Completed(HttpClient http, string path, JsonObject? report)
    {
        while (report is null || !(bool)report["completed"]!)
        {
            await Task.Delay(100);
            report = await http.GetFromJsonAsync<JsonObject>(path) ?? throw new InvalidOperationException($"{path}: empty");
        }
        return report;
    }

    private static void Report(string what, JsonObject report, TimeSpan elapsed)
    {
        var done = (int)report["done"]!;
        Console.WriteLine($"{what}: {done} orders in {elapsed.TotalSeconds:F1} s = {done / elapsed.TotalSeconds:F0}/s; " +
                          $"{report["changed"]} changed, {report["failed"]} failed");
    }
}
