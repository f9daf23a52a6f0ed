using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Scenarios;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/scenarios</c>: load a whole scenario document (the format of <c>ops/scenarios/*.json</c>) in one call.</summary>
public static class ScenarioEndpoints
{
    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/scenarios", Load).WithTags("Scenarios").WithName("LoadScenario")
            .WithSummary("Load a scenario: policies, product lines, fabs, customers, licences, orders, decisions. Idempotent.")
            .RequireAuthorization(Roles.AdminPolicy);
        return app;
    }

    // A blank name is the scenario grain's to refuse, naming the field: Orleans would refuse it as a grain key first, as a 500.
    private static async Task<Ok<ScenarioReport>> Load(ScenarioDocument body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IScenarioGrain>(string.IsNullOrWhiteSpace(body.Name) ? "scenario" : body.Name).Load(body, user.Who()));
}
