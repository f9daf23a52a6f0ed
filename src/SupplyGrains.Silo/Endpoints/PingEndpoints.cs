using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Operations;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/ping</c>: one trivial grain call, authenticated like the rest of the API (the baseline load tests compare with).</summary>
public static class PingEndpoints
{
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/ping").WithTags("Operations")
            .MapGet("/", Ping).WithName("Ping")
            .WithSummary("Calls a trivial grain and answers with the silo that served it; any role may call it")
            .RequireAuthorization(Roles.OwnReadPolicy);
        return app;
    }

    private static async Task<Ok<Pong>> Ping(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPingGrain>(IPingGrain.Key).Ping());
}
