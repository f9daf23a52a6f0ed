using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyGrains.Silo.Hosting;

/// <summary>The JSON contract of SPEC §5: camelCase, enums as strings, and strict about what must be there.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null; // country codes and ids are keys as written
        options.Converters.Add(new JsonStringEnumConverter());
        // A missing required field or a null where none is allowed is a 400 naming the field, not a null deep inside.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
    }

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
