using SupplyGrains.Cli;
using SupplyGrains.Cli.Cluster;

await using var connector = new OrleansClusterConnector();
return await SupplyGrainsCli.RunAsync(args, connector, Terminal.System());
