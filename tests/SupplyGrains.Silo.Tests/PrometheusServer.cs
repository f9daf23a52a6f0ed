using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// A real Prometheus on loopback, as a process this test owns: ops/prometheus/prometheus.yml and alerts.yml copied
/// unchanged into a directory of its own, with a target file naming the silos to scrape, its own TSDB, a free port.
/// Killed by its own PID on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly TemporaryDirectory _directory;
    private readonly HttpClient _http;
    private readonly OutputTail _output = new();

    private PrometheusServer(Process process, TemporaryDirectory directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The shipped files this server runs on, next to each other as in ops/prometheus/.</summary>
    public static readonly string[] ShippedFiles = ["prometheus.yml", "alerts.yml"];

    /// <summary>The last lines Prometheus logged, for failure messages.</summary>
    public string RecentOutput => _output.Last(40);

    /// <summary>Starts Prometheus on the shipped configuration, scraping <paramref name="targets"/> (host:port) in the job it defines.</summary>
    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets)
    {
        var executable = MonitoringTools.Require("prometheus");
        var directory = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, "targets"));
        foreach (var file in ShippedFiles) File.Copy(Repo.Ops(Path.Combine("prometheus", file)), Path.Combine(directory.Path, file));
        var targetList = new[] { new { targets = targets.Select(t => t.Authority).ToArray(), labels = new { env = "test" } } };
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "targets", "silos.json"), JsonSerializer.Serialize(targetList));

        // A free port is free when asked, not necessarily when Prometheus binds it: other tests start processes too.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(executable, directory, FreePorts.Next());
            try
            {
                await server.WaitUntilReady();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.RecentOutput.Contains("address already in use", StringComparison.Ordinal))
            {
                await server.StopAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private static PrometheusServer Launch(string executable, TemporaryDirectory directory, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.Path,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={Path.Combine(directory.Path, "prometheus.yml")}",
                     $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}",
                     "--log.level=warn",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        server._output.Follow(process);
        return server;
    }

    /// <summary>An instant query through the HTTP API (<c>/api/v1/query</c>): the vector's samples, each with its labels.</summary>
    public async Task<IReadOnlyList<PromSample>> Query(string promql)
    {
        var data = await Api($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        if (data.GetProperty("resultType").GetString() == "scalar")
            return [new PromSample(new Dictionary<string, string>(), Number(data.GetProperty("result")[1]))];
        return
        [
            .. data.GetProperty("result").EnumerateArray().Select(sample => new PromSample(
                sample.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
                Number(sample.GetProperty("value")[1]))),
        ];
    }

    /// <summary>The value of a query that selects one series; null while it selects none (not scraped yet).</summary>
    public async Task<double?> Value(string promql)
    {
        var samples = await Query(promql);
        return samples.Count switch
        {
            0 => null,
            1 => samples[0].Value,
            _ => throw new InvalidOperationException($"{promql} selects {samples.Count} series: {string.Join(", ", samples)}"),
        };
    }

    /// <summary>The <c>data</c> of a successful API answer; a failed one (e.g. a bad query) throws with Prometheus' error.</summary>
    public async Task<JsonElement> Api(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"GET {pathAndQuery}: {(int)response.StatusCode} {body}");
        return body.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    /// <summary>Kills the process (its directory stays, for another start).</summary>
    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
    }

    private static double Number(JsonElement value) => value.GetString() switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text!, CultureInfo.InvariantCulture),
    };

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the rest of its output, for the message and the port check
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}:\n{RecentOutput}");
            }
            try
            {
                using var response = await _http.GetAsync("/-/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"Prometheus was not ready within {StartDeadline.TotalSeconds} s:\n{RecentOutput}");
    }
}

/// <summary>One sample of an instant vector.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() => $"{{{string.Join(", ", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
}
