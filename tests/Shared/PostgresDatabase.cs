using System.Diagnostics;
using Npgsql;

namespace SupplyGrains.Testing;

/// <summary>
/// A fresh database on the real PostgreSQL server the environment names, with the schema applied by the same
/// command an operator runs (ops/sql/postgresql/apply.sh); dropped on dispose. <c>.ci/run</c> installs and starts
/// PostgreSQL from Debian packages and sets the variables; elsewhere the tests that need it skip and say why.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>A connection string of a role that may create databases, e.g. <c>Host=127.0.0.1;Username=supplygrains;Password=...;Database=postgres</c>.</summary>
    public const string ServerVariable = "SUPPLYGRAINS_TEST_POSTGRES";

    private readonly string _server;

    private PostgresDatabase(string server, string name, string connectionString) => (_server, Name, ConnectionString) = (server, name, connectionString);

    public string Name { get; }

    /// <summary>Connects to this database as the server variable's role, with a pool small enough for three silos.</summary>
    public string ConnectionString { get; }

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable);

    /// <summary>Skips the calling test when no server is configured, except in CI, where a missing server is a failure.</summary>
    public static void SkipUnlessConfigured()
    {
        if (Server is not null) return;
        if (Environment.GetEnvironmentVariable("CI") is not null)
            throw new InvalidOperationException($"CI must provide PostgreSQL: {ServerVariable} is not set (.ci/run sets it after starting the server).");
        Skip.If(true, $"PostgreSQL tests need a server: set {ServerVariable} to a connection string of a role that may create databases (.ci/run does).");
    }

    /// <summary>Creates the database on <paramref name="server"/> (a connection string; the configured server when null).</summary>
    public static async Task<PostgresDatabase> CreateAsync(string purpose, bool applySchema = true, string? server = null)
    {
        var admin = new NpgsqlConnectionStringBuilder(server ?? Server ?? throw new InvalidOperationException($"{ServerVariable} is not set."));
        var name = $"sg_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, MaxPoolSize = 20 };
        var created = new PostgresDatabase(admin.ConnectionString, name, database.ConnectionString);
        if (applySchema) await created.ApplySchemaAsync();
        return created;
    }

    /// <summary>Runs ops/sql/postgresql/apply.sh against this database, as the runbook tells an operator to.</summary>
    public async Task ApplySchemaAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo(Path.Combine(RepoRoot(), "ops", "sql", "postgresql", "apply.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["PGHOST"] = builder.Host, ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = builder.Username, ["PGPASSWORD"] = builder.Password ?? "", ["PGDATABASE"] = builder.Database,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"apply.sh failed ({process.ExitCode}): {await errors}{await output}");
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "SupplyGrains.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No SupplyGrains.sln above {AppContext.BaseDirectory}.");
    }
}
