using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Spectre.Console.Testing;
using SupplyGrains.Cli.Cluster;

namespace SupplyGrains.Cli.Tests;

/// <summary>The built CLI with no cluster to talk to: a distinct exit code and a message naming the address tried, quickly.</summary>
public sealed class UnreachableClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BuiltCli_WithNoSiloAtTheGateway_ExitsClusterUnreachable_NamingTheAddress()
    {
        var port = FreePort();

        var (exitCode, stdout, stderr, elapsed) = await RunProcess("orders", "list", "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exitCode == ExitCode.ClusterUnreachable, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal("", stdout);
        Assert.Contains($"No SupplyGrains cluster answered at gateway 127.0.0.1:{port}", stderr);
        Assert.Contains("nothing listens there", stderr);
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }

    [Fact]
    public async Task BuiltCli_TakesTheGatewayPortFromTheEnvironment()
    {
        var port = FreePort();

        var (exitCode, _, stderr, _) = await RunProcess(new Dictionary<string, string> { ["SUPPLYGRAINS_GATEWAY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "run", "show", "some-run", "--json");

        Assert.Equal(ExitCode.ClusterUnreachable, exitCode);
        Assert.Contains($"127.0.0.1:{port}", stderr);
    }

    [Fact]
    public async Task AGatewayThatNeverAnswers_TimesOut_WithTheAddress()
    {
        // Something listens, but it is not a silo: the Orleans handshake never completes.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var output = new TestConsole();
        var error = new TestConsole();
        await using var connector = new OrleansClusterConnector();
        var clock = Stopwatch.StartNew();

        var exitCode = await SupplyGrainsCli.RunAsync(["policy", "show", "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connect-timeout", "1"],
            connector, new Terminal(output, error)).WaitAsync(Deadline);

        Assert.Equal(ExitCode.ClusterUnreachable, exitCode);
        Assert.True(error.Output.Contains($"No SupplyGrains cluster answered at gateway 127.0.0.1:{port} (localhost clustering, cluster 'supplygrains'): no answer within 1 s", StringComparison.Ordinal), error.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void PostgresSettings_NameTheDatabase_NeverThePassword()
    {
        var settings = new ClusterSettings(30000, "supplygrains", "supplygrains", "Host=db.internal;Port=5433;Database=orleans;Username=u;Password=secret", TimeSpan.FromSeconds(5));

        var described = settings.Describe();

        Assert.Equal("the gateways listed in PostgreSQL db.internal:5433/orleans (ADO.NET clustering, cluster 'supplygrains')", described);
        Assert.DoesNotContain("secret", described);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> RunProcess(params string[] args) =>
        RunProcess(new Dictionary<string, string>(), args);

    /// <summary>Runs the CLI as built (the apphost's dll beside the tests, as the project reference copies it) and waits with a deadline.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> RunProcess(IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "supplygrains.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("SUPPLYGRAINS_GATEWAY_PORT");
        start.Environment.Remove("SUPPLYGRAINS_POSTGRES");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"supplygrains {string.Join(' ', args)} did not exit within {Deadline}");
        }
        return (process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
