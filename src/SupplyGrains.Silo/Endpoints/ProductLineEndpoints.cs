using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain.Catalog;
using SupplyGrains.Domain.Supply;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/product-lines</c>: define product lines, adjust their supply, preview it under what-if fab changes and read them with their weekly supply ledger.</summary>
public static class ProductLineEndpoints
{
    public static IEndpointRouteBuilder MapProductLineEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/product-lines").WithTags("Product lines");
        api.MapPut("/{id}", Define).WithName("DefineProductLine").WithSummary("Define or update a product line").RequireAuthorization(Roles.PlanPolicy);
        api.MapPost("/{id}/adjustments", Adjust).WithName("AdjustProductLineSupply")
            .WithSummary("Add or take away produced units in a week, with the reason (scrap, a lost shipment, found stock). With an Idempotency-Key header a retry counts once.")
            .RequireAuthorization(Roles.PlanPolicy);
        api.MapPost("/{id}/supply-preview", PreviewSupply).WithName("PreviewProductLineSupply")
            .WithSummary("What-if: the weekly supply under hypothetical capacity changes, downtime and adjustments; changes nothing").RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}", Get).WithName("GetProductLine").WithSummary("A product line with its weekly supply ledger").RequireAuthorization(Roles.ReadPolicy);
        api.MapGet("/", List).WithName("ListProductLines").WithSummary("Every product line with its ledger").RequireAuthorization(Roles.ReadPolicy);
        return app;
    }

    private static async Task<Ok<ProductLineView>> Define(string id, ProductLineDefinition body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProductLineGrain>(id).Define(body));

    private static async Task<Created<ProductLineView>> Adjust(
        string id, SupplyAdjustment body, ClaimsPrincipal user, IGrainFactory grains, [FromHeader(Name = NewId.IdempotencyHeader)] string? idempotencyKey) =>
        TypedResults.Created($"/api/product-lines/{id}",
            await grains.GetGrain<IProductLineGrain>(id).Adjust(body, user.Who(), NewId.For("adj", user.Who(), idempotencyKey)));

    private static async Task<Ok<SupplyPreview>> PreviewSupply(string id, SupplyWhatIf body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISupplyPreviewGrain>(id).Preview(body));

    private static async Task<Ok<ProductLineView>> Get(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProductLineGrain>(id).Get());

    private static async Task<Ok<ProductLineView[]>> List(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List();
        return TypedResults.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IProductLineGrain>(id).Get())));
    }
}
