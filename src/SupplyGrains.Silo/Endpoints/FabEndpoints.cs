using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/fabs</c>: define fabs with their product loads, change their capacity, plan downtime and read their output forecast.</summary>
public static class FabEndpoints
{
    public static IEndpointRouteBuilder MapFabEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/fabs").WithTags("Fabs");
        api.MapPut("/{id}", Define).WithName("DefineFab").WithSummary("Define or update a fab; its output flows to the product lines it feeds").RequireAuthorization(Roles.PlanPolicy);
        api.MapPut("/{id}/capacity", ChangeCapacity).WithName("ChangeFabCapacity").WithSummary("From a week on, the fab starts at most this many wafers a week; product lines whose output changes are updated").RequireAuthorization(Roles.PlanPolicy);
        api.MapPost("/{id}/downtime", PlanDowntime).WithName("PlanFabDowntime").WithSummary("No wafer starts in these weeks; the output gap arrives a cycle time later").RequireAuthorization(Roles.PlanPolicy);
        api.MapDelete("/{id}/capacity/{fromWeek}", RemoveCapacityChange).WithName("RemoveFabCapacityChange")
            .WithSummary("Take back the capacity change from that week; product lines whose output changes are updated").RequireAuthorization(Roles.PlanPolicy);
        api.MapDelete("/{id}/downtime/{fromWeek}/{toWeek}", RemoveDowntime).WithName("RemoveFabDowntime")
            .WithSummary("Take back the downtime planned for those weeks").RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}", Get).WithName("GetFab").WithSummary("A fab with its output forecast").RequireAuthorization(Roles.ReadPolicy);
        return app;
    }

    private static async Task<Ok<FabView>> Define(string id, FabDefinition body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).Define(body));

    private static async Task<Ok<FabView>> ChangeCapacity(string id, CapacityChange body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).ChangeCapacity(body, user.Who()));

    private static async Task<Ok<FabView>> PlanDowntime(string id, PlannedDowntime body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).PlanDowntime(body, user.Who()));

    private static async Task<Ok<FabView>> RemoveCapacityChange(string id, IsoWeek fromWeek, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).RemoveCapacityChange(fromWeek, user.Who()));

    private static async Task<Ok<FabView>> RemoveDowntime(string id, IsoWeek fromWeek, IsoWeek toWeek, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).RemoveDowntime(fromWeek, toWeek, user.Who()));

    private static async Task<Ok<FabView>> Get(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IFabGrain>(id).Get());
}
