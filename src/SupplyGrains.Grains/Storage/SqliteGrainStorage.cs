using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// Grain state in one embedded SQLite file: Orleans' binary serializer for the payload, an integer ETag per record,
/// and acknowledged writes that survive a killed process (WAL, synchronous=FULL, group commit).
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly string _path;
    private readonly string _readConnectionString;
    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteGroupCommitWriter _writer;
    private volatile bool _stopped;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        Serializer serializer,
        IActivatorProvider activatorProvider,
        TimeProvider timeProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new OrleansConfigurationException($"SQLite grain storage '{name}': {nameof(SqliteGrainStorageOptions.Path)} is empty.");
        if (options.MaxBatchSize < 1)
            throw new OrleansConfigurationException($"SQLite grain storage '{name}': {nameof(SqliteGrainStorageOptions.MaxBatchSize)} must be at least 1, not {options.MaxBatchSize}.");

        _name = name;
        _path = System.IO.Path.GetFullPath(options.Path);
        _serializer = serializer;
        _activatorProvider = activatorProvider;
        _logger = logger;

        // The writer's connection lives as long as the store, unpooled so that closing it really closes the file.
        // Reads take pooled connections: WAL lets them run beside the writer, and reopening from the pool is cheap.
        var writerConnection = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        _writer = new SqliteGroupCommitWriter(writerConnection.ToString(), options.MaxBatchSize, timeProvider, logger);
    }

    /// <summary>Committed write transactions so far; tests compare it with <see cref="Writes"/> to see batching.</summary>
    internal long Transactions => _writer.Transactions;

    /// <summary>Writes and clears settled by committed transactions so far.</summary>
    internal long Writes => _writer.Writes;

    internal string DatabasePath => _path;

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
            services.GetRequiredService<ILogger<SqliteGrainStorage>>());
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // ApplicationServices starts before grains can activate and stops after the GrainDeactivation stage,
        // so the writes grains make while deactivating at shutdown still reach the file.
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = GrainStateTable.Read;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            ResetToNoRecord(grainState);
            return;
        }

        var etag = reader.GetInt64(0);
        var payload = reader.GetFieldValue<byte[]>(1);
        grainState.State = _serializer.Deserialize<T>(payload) ?? CreateDefault<T>();
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized here, on the caller's turn: the grain may change its state as soon as this returns.
        var payload = _serializer.SerializeToArray(grainState.State);
        var etag = await _writer.Enqueue(new PendingWrite(stateName, grainId, grainState.ETag, payload)).ConfigureAwait(false);
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.Enqueue(new PendingWrite(stateName, grainId, grainState.ETag, payload: null)).ConfigureAwait(false);
        // The state the grain goes on with is what a read would now return (Orleans 10's bridge keeps the old object).
        ResetToNoRecord(grainState);
    }

    internal Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _writer.Start();
        LogStarted(_name, _path);
        return Task.CompletedTask;
    }

    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        try
        {
            await _writer.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The writer keeps draining while the process lives; callers still waiting are not acknowledged.
            LogStopTimedOut(_name);
        }
        finally
        {
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        LogStopped(_name);
    }

    // As Orleans' own stores do: no record reads as a new instance (never null), made by Orleans' activator.
    private void ResetToNoRecord<T>(IGrainState<T> grainState)
    {
        grainState.State = CreateDefault<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T CreateDefault<T>() => _activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' open at {Path}")]
    private partial void LogStarted(string name, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' stopped")]
    private partial void LogStopped(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage '{Name}': shutdown ran out of time before the write queue drained")]
    private partial void LogStopTimedOut(string name);
}
