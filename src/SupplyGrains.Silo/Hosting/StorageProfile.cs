namespace SupplyGrains.Silo.Hosting;

/// <summary>Which store the silo runs on, read from <c>Storage:Provider</c> with the setting each one needs; bad settings stop the start with a message naming the key.</summary>
public sealed record StorageProfile(string? SqlitePath, string? Postgres)
{
    public static StorageProfile From(IConfiguration config)
    {
        var provider = config["Storage:Provider"] ?? "Sqlite";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            return new(config["Storage:Path"] ?? "./data/supplygrains.db", null);
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = config.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set (environment: ConnectionStrings__Postgres).");
            return new(null, connectionString);
        }
        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use Sqlite (one silo, embedded file) or Postgres (a cluster).");
    }
}
