using System.Net;
using SupplyGrains.Contracts.Operations;

namespace SupplyGrains.Silo.Tests;

/// <summary><c>GET /api/ping</c>: the baseline the intake benchmark compares with, authenticated like the rest of the API.</summary>
[Collection(WorkflowCollection.Name)]
public class PingTests(WorkflowFixture fixture)
{
    [Fact]
    public async Task Ping_WithoutKey_Is401_WithUnknownKey_Too()
    {
        await (await fixture.As(null).GetAsync("/api/ping")).Problem(401);
        await (await fixture.As("not-a-key").GetAsync("/api/ping")).Problem(401);
    }

    [Theory]
    [InlineData("dev-viewer")]
    [InlineData("dev-planner")]
    [InlineData("dev-compliance")]
    [InlineData("dev-admin")]
    public async Task Ping_WithAnyRolesKey_AnswersFromAGrain(string key)
    {
        var before = DateTimeOffset.UtcNow;

        using var response = await fixture.As(key).GetAsync("/api/ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pong = await response.Read<Pong>();
        // The grain's answer, not a canned one: it names the silo that served it and the silo's time of the call.
        Assert.False(string.IsNullOrWhiteSpace(pong.Silo));
        Assert.InRange(pong.At, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
    }
}
