using System.Text.Json;

namespace SupplyGrains.Silo.Errors;

/// <summary>Turns a domain member path (<c>Loads[0].ProductLine</c>) into the JSON field path a client wrote (<c>loads[0].productLine</c>).</summary>
public static class FieldName
{
    public static string ToJson(string path) =>
        string.Join('.', path.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
}
