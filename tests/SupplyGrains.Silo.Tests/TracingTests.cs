using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Traces leave the silo over OTLP when an endpoint is configured: one request's spans from HTTP through the grain
/// calls to the grain store. The collector here is a bare HTTP listener that keeps what it receives; OTLP's protobuf
/// carries span names as plain UTF-8, so the test reads them without a protobuf schema.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task AnOrder_IsTracedFromHttpThroughTheGrainsToTheStore()
    {
        using var collector = new OtlpCollector();
        using var data = new TemporaryDirectory();
        await using var silo = await SiloProcess.StartAsync(data.Database, loadDemo: false, ["--Tracing:OtlpEndpoint", collector.Address]);
        using var http = silo.Client();
        string pl = Data.Unique("pl"), customer = Data.Unique("cu");
        (await http.PutJson($"/api/product-lines/{pl}", Data.ProductLine())).EnsureSuccessStatusCode();
        (await http.PutJson($"/api/customers/{customer}", Data.Customer())).EnsureSuccessStatusCode();

        (await http.PostJson("/api/orders", Data.Order(customer, pl, 8))).EnsureSuccessStatusCode();

        var received = await Eventually.Until(() => Task.FromResult(collector.Received()),
            text => text.Contains("POST /api/orders", StringComparison.Ordinal)
                    && text.Contains("IOrderFiling/File", StringComparison.Ordinal)
                    && text.Contains("grain state write", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        Assert.Equal("/v1/traces", Assert.Single(collector.Paths.Distinct()));
        Assert.Contains("SupplyGrains.Storage", received);
    }

    /// <summary>Accepts OTLP/HTTP exports on a free loopback port and keeps their bodies.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<byte[]> _bodies = new();
        private readonly Task _loop;

        public OtlpCollector()
        {
            var port = FreePorts.Next();
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _loop = Task.Run(Serve);
        }

        public string Address { get; }

        public ConcurrentQueue<string> Paths { get; } = new();

        public string Received() => string.Join('\n', _bodies.Select(b => Encoding.UTF8.GetString(b)));

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Paths.Enqueue(context.Request.Url!.AbsolutePath);
                _bodies.Enqueue(body.ToArray());
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
