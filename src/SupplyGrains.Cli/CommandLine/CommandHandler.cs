namespace SupplyGrains.Cli.CommandLine;

/// <summary>A command's work: returns its exit code; throws domain and cluster errors for <see cref="Failures"/> to report.</summary>
public delegate Task<int> CommandHandler(CommandContext context, CancellationToken cancellationToken);
