namespace SupplyGrains.Cli.Import;

/// <summary>A CSV file of orders as read: the rows that read as orders, every problem found, and where each column is.</summary>
public sealed record OrderCsvFile(string Name, IReadOnlyList<OrderRow> Rows, IReadOnlyList<CsvProblem> Problems, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>The 1-based column of a field, as the header places it.</summary>
    public int ColumnOf(string field) => Columns.TryGetValue(field, out var index) ? index + 1 : 0;
}
