namespace SupplyGrains.Cli.Cluster;

/// <summary>No cluster answered at the address tried; the message names it and what to check.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
