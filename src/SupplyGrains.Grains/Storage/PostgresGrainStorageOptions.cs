namespace SupplyGrains.Grains.Storage;

/// <summary>Where a PostgreSQL grain store connects and how much its writer commits at once.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>
    /// An Npgsql connection string. Its <c>Maximum Pool Size</c> bounds this silo's connections for grain state: one
    /// for the writer's transaction plus one per concurrent read (activations). ops/README.md budgets it per silo.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The most writes and clears committed in one transaction (one round trip and one WAL flush).</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Batches this silo commits side by side, each on its own connection: while one waits for its round trip and
    /// WAL flush, the next is already on its way (PostgreSQL also shares one flush among concurrent commits).
    /// </summary>
    public int Writers { get; set; } = 4;
}
