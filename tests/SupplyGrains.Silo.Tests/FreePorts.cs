using System.Net;
using System.Net.Sockets;

namespace SupplyGrains.Silo.Tests;

/// <summary>A loopback port nothing listens on right now; a process that loses it to another before binding retries on a fresh one.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
