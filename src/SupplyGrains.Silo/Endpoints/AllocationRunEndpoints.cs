using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/allocation-runs</c>: preview or commit allocation runs, commit a preview, read the history.</summary>
public static class AllocationRunEndpoints
{
    public static IEndpointRouteBuilder MapAllocationRunEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/allocation-runs").WithTags("Allocation runs");
        api.MapPost("/", Run).WithName("RunAllocation")
            .WithSummary("Run an allocation (Preview or Commit). With an Idempotency-Key header a retry returns the same run. ?detail=summary leaves out the lines and orders.")
            .RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}", Get).WithName("GetAllocationRun").WithSummary("A run; a preview whose inputs changed since reads as Stale. ?detail=summary leaves out the lines and orders.").RequireAuthorization(Roles.ReadPolicy);
        api.MapPost("/{id}/commit", Commit).WithName("CommitAllocationRun")
            .WithSummary("Commit a preview; 409 when its inputs changed since. Committing twice does nothing twice.").RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}/diff", Diff).WithName("DiffAllocationRuns")
            .WithSummary("Which orders gained or lost between two runs of a product line (?against=otherRunId), and why").RequireAuthorization(Roles.ReadPolicy);
        api.MapGet("/", List).WithName("ListAllocationRuns").WithSummary("The run history of a product line, newest first").RequireAuthorization(Roles.ReadPolicy);
        return app;
    }

    private static async Task<Created<AllocationRunView>> Run(
        AllocationRunRequest body, ClaimsPrincipal user, IGrainFactory grains, [FromHeader(Name = NewId.IdempotencyHeader)] string? idempotencyKey,
        string? detail)
    {
        EntityId.Require(body.ProductLine, "productLine");
        var summary = IsSummary(detail);
        var id = NewId.For("run", user.Who(), idempotencyKey);
        var run = await grains.GetGrain<IAllocationGrain>(body.ProductLine).Run(id, body, user.Who());
        return TypedResults.Created($"/api/allocation-runs/{run.Id}", summary ? Summarized(run) : run);
    }

    private static async Task<Ok<AllocationRunView>> Get(string id, IGrainFactory grains, string? detail)
    {
        var summary = IsSummary(detail);
        var run = await grains.GetRunAsync(id);
        return TypedResults.Ok(summary ? Summarized(run) : run);
    }

    // A run of 100k orders lists about a million lines; a caller that wants the totals should not have to read them.
    private static bool IsSummary(string? detail) => detail switch
    {
        null or "full" => false,
        "summary" => true,
        _ => throw new DomainValidationException("detail", "must be 'full' (the default) or 'summary'"),
    };

    private static AllocationRunView Summarized(AllocationRunView run) =>
        run with { Weeks = [.. run.Weeks.Select(w => w with { Lines = [] })], Orders = [] };

    private static async Task<Ok<AllocationRunView>> Commit(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var run = await grains.GetRunAsync(id);
        return TypedResults.Ok(await grains.GetGrain<IAllocationGrain>(run.ProductLine).Commit(id, user.Who()));
    }

    private static async Task<Ok<RunDiff>> Diff(string id, string? against, IGrainFactory grains) =>
        TypedResults.Ok(await grains.DiffRunsAsync(id, against ?? throw new DomainValidationException("against", "is required: the id of the run to compare with")));

    private static async Task<Ok<IReadOnlyList<RunSummary>>> List(string productLine, IGrainFactory grains)
    {
        EntityId.Require(productLine, nameof(productLine));
        return TypedResults.Ok(await grains.GetGrain<IAllocationGrain>(productLine).ListRuns());
    }
}
