using BenchmarkDotNet.Running;
using SupplyGrains.Bench;

// `-- --sizes` prints each synthetic book's input size, the engine's output size and what one run allocates, and exits.
if (args.Contains("--sizes"))
{
    InputSizes.Print();
    return;
}
if (!EngineSupport.Ratio)
    Console.WriteLine("// destinationRatio: the engine throws NotSupportedException, so the LicenceShareAndRatio variant is unavailable; running LicenceAndShare only.");
BenchmarkSwitcher.FromAssembly(typeof(SyntheticBook).Assembly).Run(args);
