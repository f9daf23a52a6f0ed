using System.Text.Json.Nodes;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Random requests for every <c>/api</c> operation of the silo's own OpenAPI document: bodies shaped by each schema
/// (so most reach the handler), then one field or the whole body broken (null, a wrong type, an extreme number, a huge
/// or blank string, a week that does not exist). Written here because no fuzzer in the served packages reads an
/// OpenAPI 3.1 document from .NET; it needs only what the document says.
/// </summary>
public sealed class OpenApiRequests(JsonNode document, Random random)
{
    /// <summary>Ids the demo story defines beside ones that cannot exist or break the id rule.</summary>
    private static readonly string[] PathValues = ["h200", "rubin", "demo-cn-1", "tsmc-f18", "o-1", "run-1", "1", "2", "x", "%20", "%00", "..", "Not_An_Id", new string('a', 300)];

    private static readonly string[] Strings = ["h200", "US", "CN", "x", "2032-W10", "Training"];

    private static readonly JsonNode?[] Broken =
    [
        null, "", " ", new string('x', 5000), -1, 0, int.MaxValue, long.MinValue, 1e308, -1e308, 0.1, true, new JsonArray(),
        new JsonObject(), new JsonArray((JsonNode?)null), "2032-W99", "9999-W01", "0000-W01", "\u0000", "😀", "NaN",
    ];

    private JsonObject Schemas => document["components"]!["schemas"]!.AsObject();

    /// <summary>Every operation under <c>/api</c>: its method, path template and the schema of its body, if it takes one.</summary>
    public IReadOnlyList<(HttpMethod Method, string Path, JsonNode? Body)> Operations { get; } =
    [
        .. document["paths"]!.AsObject()
            .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value!.AsObject().Select(op =>
                (new HttpMethod(op.Key.ToUpperInvariant()), path.Key, op.Value!["requestBody"]?["content"]?["application/json"]?["schema"]))),
    ];

    public HttpRequestMessage Next()
    {
        var (method, template, bodySchema) = Operations[random.Next(Operations.Count)];
        var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", _ => Pick(PathValues));
        var request = new HttpRequestMessage(method, path);
        if (bodySchema is not null)
        {
            var body = Generate(bodySchema, depth: 0);
            if (random.NextDouble() < 0.8) body = Break(body);
            request.Content = new StringContent(body?.ToJsonString() ?? "null", System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }

    private JsonNode? Generate(JsonNode schema, int depth)
    {
        schema = Resolve(schema);
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices) return Generate(choices[random.Next(choices.Count)]!, depth);
        if (schema["enum"] is JsonArray members) return members[random.Next(members.Count)]?.DeepClone();
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema["properties"] is null ? [] : ["object"],
        };
        switch (types.FirstOrDefault())
        {
            case "object" when schema["additionalProperties"] is JsonObject values:
                var map = new JsonObject();
                for (var i = random.Next(3); i > 0 && depth < 4; i--) map[Pick(PathValues[..8])] = Generate(values, depth + 1);
                return map;
            case "object":
                var obj = new JsonObject();
                if (depth > 4) return obj;
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                    obj[name] = Generate(property!, depth + 1);
                return obj;
            case "array":
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0 && depth < 4; i--) array.Add(Generate(schema["items"] ?? new JsonObject(), depth + 1));
                return array;
            case "integer": return Pick(new[] { 0, 1, 8, 16, 64, 800 });
            case "number": return Pick(new[] { 0, 0.5, 1, 2.5 });
            case "boolean": return random.Next(2) == 0;
            case "string" when schema["format"]?.GetValue<string>() == "date-time": return "2026-11-29T10:00:00Z";
            case "string" when schema["format"]?.GetValue<string>() == "date": return "2027-01-01";
            default: return Pick(Strings);
        }
    }

    /// <summary>The whole body (one time in ten), or one field anywhere in it, replaced by something broken or removed.</summary>
    private JsonNode? Break(JsonNode? body)
    {
        var places = new List<(JsonNode Parent, object Key)>();
        Collect(body);
        if (places.Count == 0 || random.NextDouble() < 0.1) return Pick(Broken)?.DeepClone();
        var (parent, key) = places[random.Next(places.Count)];
        var replacement = Pick(Broken)?.DeepClone();
        if (parent is JsonObject obj)
        {
            if (random.NextDouble() < 0.15) obj.Remove((string)key);
            else obj[(string)key] = replacement;
        }
        else ((JsonArray)parent)[(int)key] = replacement;
        return body;

        void Collect(JsonNode? node)
        {
            if (node is JsonObject o)
                foreach (var (k, v) in o.ToList()) { places.Add((o, k)); Collect(v); }
            else if (node is JsonArray a)
                for (var i = 0; i < a.Count; i++) { places.Add((a, i)); Collect(a[i]); }
        }
    }

    private JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference) schema = Schemas[reference.Split('/')[^1]]!;
        return schema;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
