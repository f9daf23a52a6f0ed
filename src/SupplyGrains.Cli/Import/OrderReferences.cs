using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Domain;

namespace SupplyGrains.Cli.Import;

/// <summary>
/// The checks of a CSV that need the cluster, made before anything is submitted: every product line and customer the
/// file names exists, and every quantity is whole lots of its product line. One read per distinct id, not per row.
/// </summary>
public static class OrderReferences
{
    public static async Task<IReadOnlyList<CsvProblem>> Check(IGrainFactory grains, OrderCsvFile file)
    {
        var lotSizes = await Lookup(file.Rows.Select(r => r.Request.ProductLine),
            async id => (int?)(await grains.GetGrain<IProductLineGrain>(id).GetDefinition()).LotSize);
        var customers = await Lookup(file.Rows.Select(r => r.Request.CustomerId),
            async id => (string?)(await grains.GetGrain<ICustomerGrain>(id).Get()).Id);

        var problems = new List<CsvProblem>();
        foreach (var row in file.Rows)
        {
            var request = row.Request;
            if (customers[request.CustomerId] is null)
                problems.Add(new(row.Line, file.ColumnOf(OrderCsv.CustomerId), OrderCsv.CustomerId, $"unknown customer '{request.CustomerId}'; define it first"));
            if (lotSizes[request.ProductLine] is not { } lotSize)
                problems.Add(new(row.Line, file.ColumnOf(OrderCsv.ProductLine), OrderCsv.ProductLine, $"unknown product line '{request.ProductLine}'"));
            else if (request.Quantity % lotSize != 0)
                problems.Add(new(row.Line, file.ColumnOf(OrderCsv.Quantity), OrderCsv.Quantity,
                    $"'{request.Quantity}': must be a positive multiple of the {request.ProductLine} lot size ({lotSize} units)"));
        }
        return problems;
    }

    private static async Task<Dictionary<string, T?>> Lookup<T>(IEnumerable<string> ids, Func<string, Task<T?>> read)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(distinct.Select(async id =>
        {
            try
            {
                return (Id: id, Value: (T?)await read(id));
            }
            catch (NotFoundException)
            {
                return (Id: id, Value: default(T?));
            }
        }));
        return found.ToDictionary(f => f.Id, f => f.Value, StringComparer.Ordinal);
    }
}
