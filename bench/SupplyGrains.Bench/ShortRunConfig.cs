using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SupplyGrains.Bench;

/// <summary>
/// A short job so the whole suite runs in minutes on two shared cores: one launch, two warm-ups, five measured
/// iterations, in process (no per-benchmark project build competing with other builds on the machine), with the
/// median beside the mean (the median shrugs off a build that another engineer starts mid-run) and allocated bytes.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
    }
}
