using System.Diagnostics;
using SupplyGrains.Testing;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// A PostgreSQL server of this test's own (Debian's pg_createcluster, on a free port, trust authentication on
/// loopback), so the test can stop and start it without pulling the server from under the other tests. Needs root
/// and the Debian packages, as in CI; elsewhere the test skips and says so.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _version;
    private readonly string _name;

    private PrivatePostgresServer(string version, string name, int port) =>
        (_version, _name, ConnectionString) = (version, name, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5");

    /// <summary>The server's superuser on its maintenance database (for <see cref="PostgresDatabase.CreateAsync"/>).</summary>
    public string ConnectionString { get; }

    public static void SkipUnlessAvailable()
    {
        var available = Environment.UserName == "root" && File.Exists("/usr/bin/pg_createcluster") && Directory.Exists("/usr/lib/postgresql");
        if (available) return;
        if (Environment.GetEnvironmentVariable("CI") is not null)
            throw new InvalidOperationException("CI must be able to create a private PostgreSQL server (root and Debian's postgresql packages).");
        Skip.If(true, "Restarting PostgreSQL needs a private server: run as root with Debian's postgresql packages (as .ci/run does).");
    }

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var version = Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).OrderBy(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).Last()!;
        var server = new PrivatePostgresServer(version, $"sgtest{Guid.NewGuid().ToString("N")[..8]}", FreePorts.Next());
        var port = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString).Port;
        await Run("pg_createcluster", version, server._name, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--start", "--", "--auth-host=trust", "--auth-local=trust");
        return server;
    }

    /// <summary>Stops the server the way an operator's restart does (fast shutdown: sessions are cut).</summary>
    public Task StopAsync() => Run("pg_ctlcluster", _version, _name, "stop", "-m", "fast");

    public Task StartAgainAsync() => Run("pg_ctlcluster", _version, _name, "start");

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Run("pg_dropcluster", "--stop", _version, _name);
    }

    private static async Task Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
