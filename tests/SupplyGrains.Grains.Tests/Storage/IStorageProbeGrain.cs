namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>A grain whose only job is to persist a value through the SQLite store under test.</summary>
[Alias("SupplyGrains.Grains.Tests.Storage.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>Sets the value, writes the state and returns the new ETag.</summary>
    [Alias("Write")]
    Task<string?> Write(string value);

    [Alias("Read")]
    Task<ProbeReading> Read();

    [Alias("Clear")]
    Task Clear();
}
