using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace SupplyGrains.Grains.Storage;

/// <summary>Registers a PostgreSQL grain store on a silo.</summary>
public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a PostgreSQL grain store that <c>[PersistentState(..., name)]</c> states can use; the schema must already exist.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<PostgresGrainStorageOptions>(name).Configure(configure);
        builder.Services.AddGrainStorage(name, PostgresGrainStorage.Create);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, StoreFailureDeactivation>());
        return builder;
    }
}
