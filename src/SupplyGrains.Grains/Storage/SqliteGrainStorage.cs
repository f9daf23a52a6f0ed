using Microsoft.Data.Sqlite;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// Grain state in one embedded SQLite file: acknowledged writes survive a killed process (WAL, synchronous=FULL,
/// group commit by the store's single writer).
/// </summary>
public sealed partial class SqliteGrainStorage : GroupCommitGrainStorage
{
    private readonly string _path;
    private readonly string _readConnectionString;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteGroupCommitWriter _writer;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        Serializer serializer,
        IActivatorProvider activatorProvider,
        TimeProvider timeProvider,
        ILogger<SqliteGrainStorage> logger,
        IMeterFactory? meterFactory = null)
        : base(name, serializer, activatorProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new OrleansConfigurationException($"SQLite grain storage '{name}': {nameof(SqliteGrainStorageOptions.Path)} is empty.");
        if (options.MaxBatchSize < 1)
            throw new OrleansConfigurationException($"SQLite grain storage '{name}': {nameof(SqliteGrainStorageOptions.MaxBatchSize)} must be at least 1, not {options.MaxBatchSize}.");

        _path = System.IO.Path.GetFullPath(options.Path);
        _logger = logger;

        // The writer's connection lives as long as the store, unpooled so that closing it really closes the file.
        // Reads take pooled connections: WAL lets them run beside the writer, and reopening from the pool is cheap.
        var writerConnection = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        _writer = new SqliteGroupCommitWriter(writerConnection.ToString(), options.MaxBatchSize, timeProvider, new StorageMetrics(meterFactory, "sqlite"), logger);
    }

    internal string DatabasePath => _path;

    private protected override GroupCommitWriter Writer => _writer;

    /// <summary>Builds the store named <paramref name="name"/> with its named options; the factory <c>AddGrainStorage</c> calls.</summary>
    public static SqliteGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
        return new SqliteGrainStorage(
            name,
            options,
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<SqliteGrainStorage>>(),
            services.GetService<IMeterFactory>());
    }

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state WHERE 0;";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<(long ETag, byte[] Payload)?> ReadRecordAsync(string stateName, string grainId)
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = GrainStateTable.Read;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    // On the thread pool: Microsoft.Data.Sqlite completes its async calls synchronously, so on the caller's thread a book
    // being read back would hold its grain's turn for the whole book, and read no window while it decodes the last.
    private protected override Task<(long ETag, byte[] Payload)?[]> ReadRecordsAsync(IReadOnlyList<string> stateNames, string grainId) =>
        Task.Run(() => ReadRecords(stateNames, grainId));

    private async Task<(long ETag, byte[] Payload)?[]> ReadRecords(IReadOnlyList<string> stateNames, string grainId)
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        // One read transaction, so that every record comes from the same snapshot, as PostgreSQL's one statement reads them.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = GrainStateTable.Read;
        var state = command.Parameters.Add("$state", SqliteType.Text);
        command.Parameters.AddWithValue("$grain", grainId);
        var records = new (long ETag, byte[] Payload)?[stateNames.Count];
        for (var i = 0; i < stateNames.Count; i++)
        {
            state.Value = stateNames[i];
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            if (await reader.ReadAsync().ConfigureAwait(false)) records[i] = (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
        return records;
    }

    internal override Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _writer.Start();
        LogStarted(Name, _path);
        return Task.CompletedTask;
    }

    internal override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        LogStopped(Name);
    }

    private protected override void OnStopTimedOut() => LogStopTimedOut(Name);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' open at {Path}")]
    private partial void LogStarted(string name, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' stopped")]
    private partial void LogStopped(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage '{Name}': shutdown ran out of time before the write queue drained")]
    private partial void LogStopTimedOut(string name);
}
