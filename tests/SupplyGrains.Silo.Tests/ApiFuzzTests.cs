using System.Net;
using System.Text.Json.Nodes;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Whatever a client sends, the answer is never a server error: random and broken requests to every operation of the
/// silo's OpenAPI document, on a silo of its own (they publish policies and redefine the demo's product lines).
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzTests.FuzzedSilo fixture) : IClassFixture<ApiFuzzTests.FuzzedSilo>
{
    public sealed class FuzzedSilo : SiloFixture;

    private const int Requests = 1500;

    /// <summary>The roles in the order tried: an operation one role may not call is sent again as the next.</summary>
    private static readonly string[] Keys = ["dev-admin", "dev-planner", "dev-compliance"];

    [Fact]
    public async Task RandomAndBrokenRequests_ToEveryOperation_NeverGetAServerError()
    {
        var document = JsonNode.Parse(await fixture.As(null).GetStringAsync("/openapi/v1.json"))!;
        // A fixed seed, so CI replays the same requests; the failure message shows each request that failed.
        var requests = new OpenApiRequests(document, new Random(20261129));
        Assert.True(requests.Operations.Count >= 30, "the OpenAPI document lists too few operations to fuzz");
        var clients = Keys.Select(fixture.As).ToArray();
        var failures = new List<string>();
        var answered = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < Requests; i++)
        {
            using var template = requests.Next();
            var body = template.Content is null ? null : await template.Content.ReadAsStringAsync();
            HttpResponseMessage response = null!;
            foreach (var client in clients)
            {
                using var request = new HttpRequestMessage(template.Method, template.RequestUri);
                if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden) break;
            }
            answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500)
                failures.Add($"{(int)response.StatusCode} {template.Method} {template.RequestUri} {body?[..Math.Min(body.Length, 300)]}\n  {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} requests got a server error:\n{string.Join('\n', failures.Take(10))}\n{fixture.Silo.RecentOutput}");
        // The generator must reach the handlers, not only the JSON reader: some requests succeed.
        var succeeded = answered.Where(a => (int)a.Key is >= 200 and < 300).Sum(a => a.Value);
        Assert.True(succeeded > Requests / 20, $"only {succeeded} of {Requests} requests succeeded: {string.Join(", ", answered.Select(a => $"{(int)a.Key}×{a.Value}"))}");
    }
}
