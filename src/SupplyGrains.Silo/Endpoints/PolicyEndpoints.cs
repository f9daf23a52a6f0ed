using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/policies</c>: publish immutable policy versions and read the one in force.</summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies").WithTags("Policies");
        api.MapPut("/{version:int}", Publish).WithName("PublishPolicy")
            .WithSummary("Publish a policy version; if it becomes current, every open order is re-decided in the background")
            .RequireAuthorization(Roles.CompliancePolicy);
        api.MapGet("/current", Current).WithName("GetCurrentPolicy").WithSummary("The policy version in force now").RequireAuthorization(Roles.ReadPolicy);
        api.MapGet("/{version:int}", Version).WithName("GetPolicyVersion").WithSummary("One published policy version").RequireAuthorization(Roles.ReadPolicy);
        api.MapGet("/", History).WithName("ListPolicies").WithSummary("Every published policy version").RequireAuthorization(Roles.ReadPolicy);
        api.MapGet("/reevaluations/{id}", Reevaluation).WithName("GetReevaluation")
            .WithSummary("Progress of a re-evaluation started by a publication or a licence or customer change").RequireAuthorization(Roles.ReadPolicy);
        return app;
    }

    private static async Task<Results<Created<PolicyPublication>, Ok<PolicyPublication>>> Publish(
        int version, PolicyDocument body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var publication = await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(version, body, user.Who());
        return publication.Created
            ? TypedResults.Created($"/api/policies/{version}", publication)
            : TypedResults.Ok(publication);
    }

    private static async Task<Ok<VersionedPolicy>> Current(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetCurrent()
            ?? throw new NotFoundException("policy", "current"));

    private static async Task<Ok<VersionedPolicy>> Version(int version, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetVersion(version)
            ?? throw new NotFoundException("policy version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<Ok<IReadOnlyList<VersionedPolicy>>> History(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetHistory());

    private static async Task<Ok<ReevaluationProgress>> Reevaluation(string id, IGrainFactory grains)
    {
        var progress = await grains.GetGrain<IReevaluationGrain>(id).GetProgress();
        return string.IsNullOrEmpty(progress.Trigger) ? throw new NotFoundException("re-evaluation", id) : TypedResults.Ok(progress);
    }
}
