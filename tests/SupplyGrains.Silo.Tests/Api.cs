using System.Net.Http.Json;
using System.Text.Json;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Silo.Hosting;

namespace SupplyGrains.Silo.Tests;

/// <summary>JSON over HTTP the way the contract says: camelCase, enums as strings.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = ApiJson.Create();

    public static Task<HttpResponseMessage> PutJson<T>(this HttpClient http, string path, T body) => http.PutAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient http, string path, T body) => http.PostAsJsonAsync(path, body, Json);

    public static async Task<T> Read<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException("empty body");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}", e);
        }
    }

    public static async Task<T> GetJson<T>(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Read<T>();
    }

    /// <summary>A re-evaluation's report (<c>GET /api/policies/reevaluations/{id}</c>) once it says it is complete.</summary>
    public static Task<ReevaluationReport> CompletedReevaluation(this HttpClient http, string id) =>
        Eventually.Until(() => http.GetJson<ReevaluationReport>($"/api/policies/reevaluations/{id}"), r => r.Completed);

    /// <summary>Asserts the response is a problem details document with this status; returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The fields a validation problem names.</summary>
    public static IReadOnlyList<string> Fields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
}
