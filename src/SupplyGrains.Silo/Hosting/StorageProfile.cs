using Npgsql;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Silo.Hosting;

/// <summary>Which store the silo runs on, read from <c>Storage:Provider</c> with the setting each one needs; bad settings stop the start with a message naming the key.</summary>
public sealed record StorageProfile(string? SqlitePath, string? Postgres)
{
    public static StorageProfile From(IConfiguration config)
    {
        var provider = config["Storage:Provider"] ?? "Sqlite";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            return new(config["Storage:Path"] ?? "./data/supplygrains.db", null);
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = config.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set (environment: ConnectionStrings__Postgres).");
            return new(null, connectionString);
        }
        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use Sqlite (one silo, embedded file) or Postgres (a cluster).");
    }

    /// <summary>
    /// Membership gets its own small pool (a distinct connection string is a distinct Npgsql pool): a few queries a
    /// second at most, and it must never wait behind grain state for a connection. Budget per silo: this plus the
    /// grain state's <c>Maximum Pool Size</c> (ops/README.md).
    /// </summary>
    public const int MembershipPoolSize = 4;

    public static string ForMembership(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = "supplygrains-membership",
        MaxPoolSize = MembershipPoolSize,
        MinPoolSize = 0,
    }.ConnectionString;

    /// <summary>Statements a grain-state connection keeps prepared unless the operator says otherwise (<c>Max Auto Prepare</c>).</summary>
    public const int AutoPreparedStatements = 16;

    /// <summary>
    /// Grain state keeps the pool size the operator configured, under its own name for pg_stat_activity. Its handful of
    /// statements run thousands of times a second under intake, so Npgsql prepares them on each connection after a few
    /// uses: measured, PostgreSQL's CPU per order fell from about 420 to 250 µs and intake rose by about 30 %
    /// (bench/README.md §6). An explicit <c>Max Auto Prepare</c> (0 turns it off, as a transaction-mode pooler
    /// such as PgBouncer may need) is kept.
    /// </summary>
    public static string ForGrainState(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "supplygrains-grains" };
        // Npgsql's builder knows every keyword, so only the operator's own text says whether one was given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        if (!given) builder.MaxAutoPrepare = AutoPreparedStatements;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The PostgreSQL grain store's options: <c>Storage:Postgres:Writers</c> and <c>Storage:Postgres:MaxBatchSize</c>
    /// per deployment (ops/README.md), the connection from <see cref="ForGrainState"/>.
    /// </summary>
    public void ConfigureGrainState(IConfiguration config, PostgresGrainStorageOptions options)
    {
        config.GetSection("Storage:Postgres").Bind(options);
        options.ConnectionString = ForGrainState(Postgres ?? throw new InvalidOperationException("Not the PostgreSQL profile."));
    }
}
