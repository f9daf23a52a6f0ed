namespace SupplyGrains.Cli.Import;

/// <summary>One thing wrong with a CSV file: where (line and column, both from 1, as an editor counts them), which field, and why.</summary>
public sealed record CsvProblem(int Line, int Column, string Field, string Message);
