using System.ComponentModel.DataAnnotations;
using System.Globalization;
using nietras.SeparatedValues;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Import;

/// <summary>
/// Reads a CSV file of orders (a header line naming the columns, then one order a line) and checks every row, so that
/// the whole file is judged before anything is submitted. Parsing (quotes, separators, line numbers) is Sep's; the
/// field rules are the order request's own (<see cref="OrderRequest.Validate"/>), each mapped back to its column.
/// </summary>
public static class OrderCsv
{
    public const string Id = "id";
    public const string CustomerId = "customerId";
    public const string ProductLine = "productLine";
    public const string Quantity = "quantity";
    public const string RequestedWeek = "requestedWeek";
    public const string UseCaseColumn = "useCase";
    public const string ShipToCountry = "shipToCountry";
    public const string EndUserName = "endUserName";
    public const string EndUserCountry = "endUserCountry";
    public const string ConfirmationClassColumn = "confirmationClass";

    public static readonly IReadOnlyList<string> RequiredColumns = [CustomerId, ProductLine, Quantity, RequestedWeek, UseCaseColumn, ShipToCountry];
    public static readonly IReadOnlyList<string> OptionalColumns = [Id, EndUserName, EndUserCountry, ConfirmationClassColumn];

    public static OrderCsvFile Read(FileInfo file)
    {
        if (!file.Exists) return Failed(file.Name, new CsvProblem(0, 0, "file", $"{file.FullName} does not exist"));
        using var text = file.OpenText();
        return Read(file.Name, text);
    }

    public static OrderCsvFile Read(string name, TextReader text)
    {
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(text);
            var columns = Header(reader.Header.ColNames, out var problems);
            if (problems.Count > 0) return new OrderCsvFile(name, [], problems, columns);

            var rows = new List<OrderRow>();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in reader)
            {
                var fields = new string[row.ColCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = row[i].ToString();
                if (fields.All(string.IsNullOrEmpty)) continue; // a blank line is not an order
                var line = row.LineNumberFrom;
                if (fields.Length != columns.Count)
                {
                    // Its values are shifted against the header: judging them field by field would only add noise.
                    problems.Add(new CsvProblem(line, Math.Min(fields.Length, columns.Count) + 1, "row",
                        $"the row has {fields.Length} field(s), the header {columns.Count}; quote a value that holds a comma"));
                    continue;
                }
                if (columns.TryGetValue(Id, out var idColumn) && fields[idColumn] is { Length: > 0 } id && !ids.TryAdd(id, line))
                    problems.Add(new CsvProblem(line, idColumn + 1, Id, $"'{id}' is also the id on line {ids[id]}"));
                if (Row(line, fields, columns, problems) is { } order) rows.Add(order);
            }
            return new OrderCsvFile(name, rows, problems, columns);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            return Failed(name, new CsvProblem(1, 0, "file", $"not a CSV file Sep can read: {e.Message}"));
        }
    }

    private static OrderCsvFile Failed(string name, CsvProblem problem) => new(name, [], [problem], new Dictionary<string, int>());

    private static Dictionary<string, int> Header(IReadOnlyList<string> names, out List<CsvProblem> problems)
    {
        problems = [];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = RequiredColumns.Concat(OptionalColumns).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var name = known.FirstOrDefault(k => k.Equals(names[i], StringComparison.OrdinalIgnoreCase));
            if (name is null) problems.Add(new CsvProblem(1, i + 1, names[i], $"unknown column '{names[i]}'; the columns are {string.Join(", ", known)}"));
            else if (!columns.TryAdd(name, i)) problems.Add(new CsvProblem(1, i + 1, name, $"column '{name}' appears twice"));
        }
        foreach (var missing in RequiredColumns.Where(c => !columns.ContainsKey(c)))
            problems.Add(new CsvProblem(1, 0, missing, $"the header names no '{missing}' column (required: {string.Join(", ", RequiredColumns)})"));
        return columns;
    }

    private static OrderRow? Row(int line, string[] fields, Dictionary<string, int> columns, List<CsvProblem> problems)
    {
        var found = new List<CsvProblem>();
        void Problem(string field, string message) => found.Add(new CsvProblem(line, columns.TryGetValue(field, out var i) ? i + 1 : 0, field, message));
        string Field(string field) => columns.TryGetValue(field, out var i) ? fields[i] : "";

        var id = Field(Id) is { Length: > 0 } given ? given : null;
        if (id is not null && !EntityId.IsValid(id)) Problem(Id, $"'{id}' is not a valid id: use {EntityId.Rule}");

        var quantityText = Field(Quantity);
        if (!int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            Problem(Quantity, $"'{quantityText}' is not a whole number of units");
        var weekText = Field(RequestedWeek);
        if (!IsoWeek.TryParse(weekText, out var week)) Problem(RequestedWeek, $"'{weekText}' is not an ISO week; write YYYY-Www, e.g. 2026-W05");
        var useCase = Choice<UseCase>(UseCaseColumn, Field(UseCaseColumn), Problem);
        var confirmationClass = Field(ConfirmationClassColumn) is { Length: > 0 } classText ? Choice<ConfirmationClass>(ConfirmationClassColumn, classText, Problem) : null;

        var endUserName = Field(EndUserName);
        var endUserCountry = Field(EndUserCountry);
        if ((endUserName.Length == 0) != (endUserCountry.Length == 0))
            Problem(endUserName.Length == 0 ? EndUserName : EndUserCountry, "endUserName and endUserCountry go together: give both or neither");
        var endUser = endUserName.Length > 0 || endUserCountry.Length > 0 ? new EndUser(endUserName, endUserCountry) : null;

        // The rest of the rules are the request's own, as the order grain applies them; a field already refused above
        // (its placeholder value) is not reported twice.
        var request = new OrderRequest(Field(CustomerId), Field(ProductLine), quantity, week, useCase ?? UseCase.Training, Field(ShipToCountry), endUser, confirmationClass);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        foreach (var result in results)
            foreach (var column in result.MemberNames.DefaultIfEmpty("").Select(ColumnFor))
                if (!found.Any(p => p.Field == column))
                    Problem(column, $"'{Field(column)}': {result.ErrorMessage}");

        problems.AddRange(found);
        return found.Count > 0 ? null : new OrderRow(line, id, request);
    }

    private static T? Choice<T>(string field, string text, Action<string, string> problem) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
        problem(field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }

    private static string ColumnFor(string member) => member switch
    {
        nameof(OrderRequest.CustomerId) => CustomerId,
        nameof(OrderRequest.ProductLine) => ProductLine,
        nameof(OrderRequest.Quantity) => Quantity,
        nameof(OrderRequest.RequestedWeek) => RequestedWeek,
        nameof(OrderRequest.UseCase) => UseCaseColumn,
        nameof(OrderRequest.ShipToCountry) => ShipToCountry,
        "EndUser.Name" => EndUserName,
        "EndUser.Country" => EndUserCountry,
        nameof(OrderRequest.ConfirmationClass) => ConfirmationClassColumn,
        _ => member,
    };
}
