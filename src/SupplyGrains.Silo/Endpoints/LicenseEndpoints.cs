using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/licenses</c>: record export licences and read what remains of them.</summary>
public static class LicenseEndpoints
{
    public static IEndpointRouteBuilder MapLicenseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/licenses").WithTags("Licences");
        api.MapPut("/{id}", Record).WithName("RecordLicense")
            .WithSummary("Record or amend an export licence; the customer's open orders are re-decided in the background, and the answer names that re-evaluation (reevaluation)").RequireAuthorization(Roles.CompliancePolicy);
        api.MapGet("/{id}", Get).WithName("GetLicense").WithSummary("A licence with its remaining quantity and the latest re-evaluation a change of it started (reevaluation)").RequireAuthorization(Roles.ReadPolicy);
        return app;
    }

    private static async Task<Ok<LicenseView>> Record(string id, LicenseTerms body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ILicenseGrain>(id).Record(body, user.Who()));

    private static async Task<Ok<LicenseView>> Get(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ILicenseGrain>(id).Get());
}
