namespace SupplyGrains.Silo.Tests;

/// <summary>A directory for one test's SQLite files, removed when the test is done.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"supplygrains-test-{Guid.NewGuid():N}");

    public string Database => System.IO.Path.Combine(Path, "supplygrains.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
