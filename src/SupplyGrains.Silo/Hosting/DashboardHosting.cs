namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// Orleans' dashboard at <c>/dashboard</c> (administrators only) unless <c>Dashboard:Enabled</c> is <c>false</c>. On by
/// default, so an operator sees the cluster without more tooling. It costs a busy silo about 5 % of its CPU
/// (bench/README §5): its own metric reader collects Orleans' meter every second, an interval the package fixes, and
/// two of the gauges it reads walk every activation. A silo watched through Prometheus alone can leave it out.
/// </summary>
public static class DashboardHosting
{
    public static bool IsEnabled(IConfiguration config) => config.GetValue("Dashboard:Enabled", true);
}
