namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// Orleans' dashboard at <c>/dashboard</c> (administrators only) unless <c>Dashboard:Enabled</c> is <c>false</c>. On by
/// default, so an operator sees the cluster without more tooling. Its own metric reader took about 5 % of a silo's
/// CPU samples under intake (bench/README §5): it collects Orleans' meter every second, an interval the package fixes,
/// and two of the gauges it reads walk every activation. A silo watched through Prometheus alone can leave it out.
/// </summary>
public static class DashboardHosting
{
    public static bool IsEnabled(IConfiguration config) => config.GetValue("Dashboard:Enabled", true);
}
