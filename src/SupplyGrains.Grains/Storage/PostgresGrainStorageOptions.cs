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
    /// WAL flush, the next is already on its way (PostgreSQL also shares one flush among concurrent commits). More
    /// writers take smaller batches, and each transaction costs PostgreSQL a flush: 4 made 1.7 writes a transaction
    /// under intake, and 2 cut PostgreSQL's CPU per order by about 15 % at the same rate (bench/README.md §6).
    /// </summary>
    public int Writers { get; set; } = 2;
}
