namespace SupplyGrains.Cli.CommandLine;

/// <summary>A file or value the CLI itself refuses before asking the cluster (exit code <see cref="ExitCode.InvalidInput"/>).</summary>
public sealed class InvalidInputException(string message) : Exception(message);
