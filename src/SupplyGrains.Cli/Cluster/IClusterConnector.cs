namespace SupplyGrains.Cli.Cluster;

/// <summary>
/// Gives commands the grains of a cluster. The program joins a real cluster; tests hand over a test cluster's client,
/// so the real command tree runs against it.
/// </summary>
public interface IClusterConnector
{
    /// <summary>Joins the cluster; throws <see cref="ClusterUnreachableException"/> when none answers.</summary>
    Task<IGrainFactory> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken);
}
