using Npgsql;

namespace SupplyGrains.Cli.Cluster;

/// <summary>
/// Which cluster to join: the local silo's gateway (localhost clustering, the default), or the members a PostgreSQL
/// membership table lists when a connection string is given.
/// </summary>
public sealed record ClusterSettings(int GatewayPort, string ClusterId, string ServiceId, string? Postgres, TimeSpan ConnectTimeout)
{
    public const int DefaultGatewayPort = 30000;
    public const string DefaultId = "supplygrains";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);

    /// <summary>The address tried, for messages: never the password of the connection string.</summary>
    public string Describe()
    {
        if (!UsesPostgres) return $"gateway 127.0.0.1:{GatewayPort} (localhost clustering, cluster '{ClusterId}')";
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(Postgres);
            return $"the gateways listed in PostgreSQL {connection.Host}:{connection.Port}/{connection.Database} (ADO.NET clustering, cluster '{ClusterId}')";
        }
        catch (ArgumentException)
        {
            return $"a PostgreSQL membership table (the connection string could not be read; cluster '{ClusterId}')";
        }
    }
}
