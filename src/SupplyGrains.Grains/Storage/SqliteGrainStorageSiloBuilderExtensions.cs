using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace SupplyGrains.Grains.Storage;

/// <summary>Registers a SQLite grain store on a silo.</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a SQLite grain store that <c>[PersistentState(..., name)]</c> states can use.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        // AddGrainStorage registers the keyed IGrainStorage and, because the type is a lifecycle participant,
        // subscribes it to the silo lifecycle (table creation at start, queue drain at stop).
        builder.Services.AddGrainStorage(name, SqliteGrainStorage.Create);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, StoreFailureDeactivation>());
        return builder;
    }

    /// <summary>Adds a SQLite grain store as the default one, used by states that name no store.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);
}
