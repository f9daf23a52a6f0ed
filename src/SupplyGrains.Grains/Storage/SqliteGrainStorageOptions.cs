namespace SupplyGrains.Grains.Storage;

/// <summary>Where a SQLite grain store keeps its file and how much its single writer commits at once.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The database file; a relative path resolves against the working directory, and missing folders are created at silo start.</summary>
    public string Path { get; set; } = "./data/supplygrains.db";

    /// <summary>
    /// The most writes and clears committed in one transaction. One commit costs one fsync whatever its size,
    /// so a larger batch raises throughput under load; the bound keeps a transaction (and its callers' wait) short.
    /// </summary>
    public int MaxBatchSize { get; set; } = 512;
}
