using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace SupplyGrains.Cli.Cluster;

/// <summary>
/// Joins the cluster as an Orleans client (<c>Microsoft.Orleans.Client</c>), once per process, and leaves it on dispose.
/// </summary>
public sealed class OrleansClusterConnector : IClusterConnector, IAsyncDisposable
{
    private IHost? _host;

    public async Task<IGrainFactory> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        if (_host is not null) return _host.Services.GetRequiredService<IClusterClient>();
        if (!settings.UsesPostgres) await ProbeLocalGateway(settings, cancellationToken);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The client's own logging would interleave with the command's output; failures reach the user as one message.
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            if (settings.UsesPostgres)
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", settings.Postgres));
            }
            else
            {
                client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
            }
        });
        var host = builder.Build();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await host.StartAsync(deadline.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietly(host);
            throw Unreachable(settings, e is OperationCanceledException ? $"no answer within {settings.ConnectTimeout.TotalSeconds:0} s" : e.Message, e);
        }
        _host = host;
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>
    /// Orleans' client, when nothing listens at a static gateway, keeps retrying until its caller gives up; a refused
    /// TCP connection says at once that no silo is there, so the planner is told in milliseconds, not after the timeout.
    /// </summary>
    private static async Task ProbeLocalGateway(ClusterSettings settings, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, settings.GatewayPort), deadline.Token);
        }
        catch (SocketException e)
        {
            throw Unreachable(settings, $"nothing listens there ({e.SocketErrorCode})", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(settings, $"no answer within {settings.ConnectTimeout.TotalSeconds:0} s", e);
        }
    }

    private static ClusterUnreachableException Unreachable(ClusterSettings settings, string why, Exception inner) => new(
        $"No SupplyGrains cluster answered at {settings.Describe()}: {why}. Start a silo " +
        "(dotnet run --project src/SupplyGrains.Silo) or point --gateway-port / SUPPLYGRAINS_GATEWAY_PORT " +
        "(or --postgres / SUPPLYGRAINS_POSTGRES) at the running cluster.", inner);

    public async ValueTask DisposeAsync()
    {
        if (_host is { } host) await DisposeQuietly(host);
        _host = null;
    }

    private static async Task DisposeQuietly(IHost host)
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or ObjectDisposedException)
        {
            // Leaving a cluster that is gone cannot fail the command that already has its answer.
        }
        host.Dispose();
    }
}
