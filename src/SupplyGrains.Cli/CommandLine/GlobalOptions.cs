using System.CommandLine;
using System.Globalization;
using SupplyGrains.Cli.Cluster;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// The options every command takes: where the cluster is, who is acting, and whether to print JSON. Each has an
/// environment variable so that a planner's shell profile can set it once.
/// </summary>
public sealed class GlobalOptions
{
    public const string GatewayPortVariable = "SUPPLYGRAINS_GATEWAY_PORT";
    public const string PostgresVariable = "SUPPLYGRAINS_POSTGRES";
    public const string ClusterIdVariable = "SUPPLYGRAINS_CLUSTER_ID";
    public const string ServiceIdVariable = "SUPPLYGRAINS_SERVICE_ID";

    public Option<int> GatewayPort { get; } = new("--gateway-port")
    {
        Description = $"Gateway port of the local silo (localhost clustering) [env: {GatewayPortVariable}]",
        DefaultValueFactory = _ => FromEnvironment(GatewayPortVariable, ClusterSettings.DefaultGatewayPort),
        Recursive = true,
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"PostgreSQL connection string of the cluster's membership table: join the cluster profile (ADO.NET clustering) instead of the local silo [env: {PostgresVariable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PostgresVariable),
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = $"Orleans cluster id [env: {ClusterIdVariable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterIdVariable) ?? ClusterSettings.DefaultId,
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = $"Orleans service id [env: {ServiceIdVariable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServiceIdVariable) ?? ClusterSettings.DefaultId,
        Recursive = true,
    };

    public Option<int> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster to answer before giving up",
        DefaultValueFactory = _ => 15,
        HelpName = "seconds",
        Recursive = true,
    };

    public Option<string> As { get; } = new("--as")
    {
        Description = "Who is acting, recorded on every change (orders, runs, commits, policies)",
        DefaultValueFactory = _ => $"cli:{Environment.GetEnvironmentVariable("USER") ?? Environment.UserName}",
        HelpName = "name",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON (the HTTP API's shapes: camelCase, enums as strings) for scripts",
        Recursive = true,
    };

    public IEnumerable<Option> All => [GatewayPort, Postgres, ClusterId, ServiceId, ConnectTimeout, As, Json];

    public ClusterSettings Settings(ParseResult parse) => new(
        parse.GetValue(GatewayPort),
        parse.GetValue(ClusterId)!,
        parse.GetValue(ServiceId)!,
        parse.GetValue(Postgres),
        TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(ConnectTimeout))));

    private static int FromEnvironment(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
