using System.Net.Sockets;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using SupplyGrains.Contracts;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// Grain state in PostgreSQL (the cluster profile), in the table of ops/sql/postgresql/03-supplygrains-grain-state.sql.
/// Written by hand rather than with Orleans' ADO.NET grain storage because that provider commits every write on its
/// own (about 2k writes/s here, TOOLCHAIN.md) and stores Newtonsoft JSON; this one group-commits a silo's concurrent
/// writes into shared transactions and stores Orleans' binary payload like the embedded store.
/// </summary>
public sealed partial class PostgresGrainStorage : GroupCommitGrainStorage, IDisposable
{
    private const string Read = "SELECT etag, payload FROM supplygrains_grain_state WHERE state_name = $1 AND grain_id = $2;";
    private const string ReadMany = "SELECT state_name, etag, payload FROM supplygrains_grain_state WHERE state_name = ANY($1) AND grain_id = $2;";
    private const string Probe = "SELECT count(*) FROM supplygrains_grain_state WHERE false;";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGroupCommitWriter _writer;
    private readonly StorageMetrics _metrics;
    private readonly ILogger<PostgresGrainStorage> _logger;

    public PostgresGrainStorage(
        string name,
        PostgresGrainStorageOptions options,
        Serializer serializer,
        IActivatorProvider activatorProvider,
        TimeProvider timeProvider,
        ILogger<PostgresGrainStorage> logger,
        IMeterFactory? meterFactory = null)
        : base(name, serializer, activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new OrleansConfigurationException($"PostgreSQL grain storage '{name}': {nameof(PostgresGrainStorageOptions.ConnectionString)} is empty (set ConnectionStrings:Postgres).");
        if (options.MaxBatchSize < 1)
            throw new OrleansConfigurationException($"PostgreSQL grain storage '{name}': {nameof(PostgresGrainStorageOptions.MaxBatchSize)} must be at least 1, not {options.MaxBatchSize}.");
        if (options.Writers < 1)
            throw new OrleansConfigurationException($"PostgreSQL grain storage '{name}': {nameof(PostgresGrainStorageOptions.Writers)} must be at least 1, not {options.Writers}.");

        _dataSource = NpgsqlDataSource.Create(SessionConnection(options.ConnectionString));
        _writer = new PostgresGroupCommitWriter(_dataSource, options.MaxBatchSize, options.Writers, timeProvider, _metrics = new StorageMetrics(meterFactory, "postgres"), logger);
        _logger = logger;
    }

    private protected override GroupCommitWriter Writer => _writer;

    /// <summary>
    /// The store's connection string with the session settings it needs. PostgreSQL applies startup options in order,
    /// the last of a name winning: the operator's own come after the flush size (they may choose another) and before
    /// synchronous_commit (they cannot turn durability off).
    /// </summary>
    internal static NpgsqlConnectionStringBuilder SessionConnection(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        connection.Options = string.Join(' ', new[] { BackendFlushAfter, connection.Options, SynchronousCommit }.Where(o => !string.IsNullOrWhiteSpace(o)));
        return connection;
    }

    // Intake inserts faster than shared buffers hold, so the store's own backends write pages out, into the kernel's
    // page cache. Left there (the server's default), they reach the disk in bursts (a checkpoint's fsync, writeback of
    // 30-second-old pages), and the WAL flush of every commit waits behind them: 40-200 ms spells at 15 % of ping.
    // Asking the kernel to start writing every 256 kB, as PostgreSQL's checkpointer does by default, keeps the bursts
    // small. Autovacuum writes the same pages again and follows only the server's setting, so ops/README.md sets it
    // there too; this covers the store's sessions on a server that does not (bench/README.md §6).
    private const string BackendFlushAfter = "-c backend_flush_after=256kB";

    // A write is acknowledged only when its commit is on disk: forced on whatever the server's default, since a server
    // set to 'off' would acknowledge before the flush.
    private const string SynchronousCommit = "-c synchronous_commit=on";

    /// <summary>Builds the store named <paramref name="name"/> with its named options; the factory <c>AddGrainStorage</c> calls.</summary>
    public static PostgresGrainStorage Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name),
        services.GetRequiredService<Serializer>(),
        services.GetRequiredService<IActivatorProvider>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetRequiredService<ILogger<PostgresGrainStorage>>(),
        services.GetService<IMeterFactory>());

    /// <summary>True for failures that mean the database is away or refusing work now, not a bug in a statement.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } or SocketException or TimeoutException => true,
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
                               || e.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
                               || e.SqlState == PostgresErrorCodes.TooManyConnections
                               // the database dropped or renamed, the role's password rotated: the store refuses this
                               // silo until an operator mends it, which a client should see as 503 and retry, not 500
                               || e.SqlState == PostgresErrorCodes.InvalidCatalogName
                               || e.SqlState.StartsWith("28", StringComparison.Ordinal),
        NpgsqlException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(Probe);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<(long ETag, byte[] Payload)?> ReadRecordAsync(string stateName, string grainId)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(Read);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw ReadFailed(exception);
        }
    }

    private protected override async Task<(long ETag, byte[] Payload)?[]> ReadRecordsAsync(IReadOnlyList<string> stateNames, string grainId)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(ReadMany);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. stateNames] });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
            var found = new Dictionary<string, (long ETag, byte[] Payload)>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                    found[reader.GetString(0)] = (reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
            return [.. stateNames.Select(name => found.TryGetValue(name, out var record) ? record : ((long, byte[])?)null)];
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw ReadFailed(exception);
        }
    }

    private StoreUnavailableException ReadFailed(Exception exception)
    {
        LogReadFailed(exception, Name);
        _metrics.Failed("read");
        return new StoreUnavailableException("PostgreSQL", exception);
    }

    internal override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The schema is ops/sql/postgresql's to create (a documented command, the test setup); the silo only checks it,
        // and refuses to start with a message that says what to run.
        try
        {
            await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new OrleansConfigurationException(
                $"PostgreSQL grain storage '{Name}': table supplygrains_grain_state is missing. Apply the schema first: ops/sql/postgresql/apply.sh \"<connection string>\".", e);
        }
        _writer.Start();
        LogStarted(Name, _dataSource.ConnectionString is { } s ? new NpgsqlConnectionStringBuilder(s) { Password = null }.ToString() : "");
    }

    internal override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(Name);
    }

    public void Dispose() => _dataSource.Dispose();

    private protected override void OnStopTimedOut() => LogStopTimedOut(Name);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL grain storage '{Name}' open on {Connection}")]
    private partial void LogStarted(string name, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL grain storage '{Name}': a read failed because the database is unavailable")]
    private partial void LogReadFailed(Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL grain storage '{Name}' stopped")]
    private partial void LogStopped(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL grain storage '{Name}': shutdown ran out of time before the write queue drained")]
    private partial void LogStopTimedOut(string name);
}
