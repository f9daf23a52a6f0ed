using SupplyGrains.Cli.Cluster;

namespace SupplyGrains.Cli.Tests;

/// <summary>
/// Hands the command tree a test cluster's client, whatever gateway the command line names. Without a cluster it
/// fails the test on first use: commands that must not connect (help, usage errors, a refused file) prove they did not.
/// </summary>
public sealed class TestClusterConnector(IGrainFactory? grains) : IClusterConnector
{
    public int Connections { get; private set; }

    public Task<IGrainFactory> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        Connections++;
        return grains is null
            ? throw new InvalidOperationException("This command was not expected to connect to a cluster.")
            : Task.FromResult(grains);
    }
}
