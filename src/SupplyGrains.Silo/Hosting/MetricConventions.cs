using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// Makes the whole scrape follow Prometheus' naming conventions, so <c>promtool check metrics</c> passes on it and
/// dashboards see seconds and bytes throughout: Orleans' instruments get help texts, its milliseconds and megabytes
/// are replaced by <see cref="OrleansInBaseUnits"/>, and the runtime's gauges named <c>*.count</c> (OpenTelemetry's
/// semantic conventions, which Prometheus reserves for a histogram's or summary's sample count) are renamed.
/// </summary>
internal static class MetricConventions
{
    /// <summary>The .NET runtime's gauges that Prometheus would read as a histogram's <c>_count</c>, and their names here.</summary>
    private static readonly Dictionary<string, string> RuntimeRenames = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    public static MeterProviderBuilder AddMetricConventions(this MeterProviderBuilder metrics) =>
        metrics.AddInstrumentation(() => new OrleansInBaseUnits()).AddView(View);

    private static MetricStreamConfiguration? View(Instrument instrument) => instrument.Meter.Name switch
    {
        OrleansInBaseUnits.OrleansMeter when OrleansInBaseUnits.IsMirrored(instrument) => MetricStreamConfiguration.Drop,
        OrleansInBaseUnits.OrleansMeter when string.IsNullOrEmpty(instrument.Description) =>
            new MetricStreamConfiguration { Description = OrleansInstrumentDescriptions.For(instrument) },
        "System.Runtime" when RuntimeRenames.TryGetValue(instrument.Name, out var name) => new MetricStreamConfiguration { Name = name },
        _ => null,
    };
}
