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
        api.MapGet("/{version:int}/impact", Impact).WithName("GetPolicyImpact")
            .WithSummary("What the version's coming into force did: orders re-decided so far, the ones whose status or reasons changed, by reason and by transition")
            .RequireAuthorization(Roles.ReadPolicy);
        api.MapPost("/{version:int}/impact-preview", PreviewImpact).WithName("PreviewPolicyImpact")
            .WithSummary("Judge every open order under a draft policy, as if it were in force now, without publishing it or changing anything. " +
                "200 with the report when done within 30 s, else 202 with the report so far and its Location")
            .RequireAuthorization(Roles.CompliancePolicy);
        api.MapGet("/reevaluations/{id}", Reevaluation).WithName("GetReevaluation")
            .WithSummary("Progress and impact of a re-evaluation (a policy coming into force, a licence, approval, review or customer change) or of an impact preview")
            .RequireAuthorization(Roles.ReadPolicy);
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

    private static async Task<Ok<ReevaluationReport>> Impact(int version, IGrainFactory grains)
    {
        var policy = grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key);
        var id = await policy.GetImpactId(version) ?? throw new ConflictException(
            $"Policy v{version} has not come into force, so it has had no impact yet; POST its document to /api/policies/{version}/impact-preview to see what it would do.");
        return TypedResults.Ok(await grains.GetGrain<IReevaluationGrain>(id).GetReport());
    }

    private static async Task<Results<Ok<ReevaluationReport>, Accepted<ReevaluationReport>>> PreviewImpact(
        int version, PolicyDocument body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).PreviewImpact(version, body, user.Who());
        var report = await grains.GetGrain<IReevaluationGrain>(id).WaitForReport(PreviewWait);
        return report.Completed ? TypedResults.Ok(report) : TypedResults.Accepted($"/api/policies/reevaluations/{id}", report);
    }

    private static readonly TimeSpan PreviewWait = TimeSpan.FromSeconds(30);

    private static async Task<Ok<ReevaluationReport>> Reevaluation(string id, IGrainFactory grains)
    {
        EntityId.Require(id, nameof(id));
        var report = await grains.GetGrain<IReevaluationGrain>(id).GetReport();
        return string.IsNullOrEmpty(report.Trigger) ? throw new NotFoundException("re-evaluation", id) : TypedResults.Ok(report);
    }
}
