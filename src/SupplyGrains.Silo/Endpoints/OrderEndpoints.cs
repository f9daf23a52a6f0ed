using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Orders;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/orders</c>: submit, read, list and cancel orders; record import decisions and reviews.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders");
        api.MapPost("/", Submit).WithName("SubmitOrder")
            .WithSummary("Submit an order; every gate runs at once. With an Idempotency-Key header a retry returns the same order.")
            .RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}", Get).WithName("GetOrder").WithSummary("An order with its gate decisions and confirmations").RequireAuthorization(Roles.OwnReadPolicy);
        api.MapGet("/{id}/audit", Audit).WithName("GetOrderAudit").WithSummary("Every decision and event of an order, oldest first").RequireAuthorization(Roles.OwnReadPolicy);
        api.MapGet("/", List).WithName("ListOrders").WithSummary("Orders, filtered by customer, product line and status").RequireAuthorization(Roles.OwnReadPolicy);
        api.MapPost("/{id}/cancel", Cancel).WithName("CancelOrder").WithSummary("Cancel an order; its confirmed units go back to supply").RequireAuthorization(Roles.PlanPolicy);
        api.MapPost("/{id}/import-decision", RecordImportDecision).WithName("RecordImportDecision")
            .WithSummary("Record the importing authority's approval or denial of this order").RequireAuthorization(Roles.CompliancePolicy);
        api.MapPost("/{id}/review", RecordReview).WithName("RecordReview")
            .WithSummary("Clear or deny the order's screening and diversion holds").RequireAuthorization(Roles.CompliancePolicy);
        return app;
    }

    private static async Task<Created<OrderView>> Submit(
        OrderRequest body, ClaimsPrincipal user, IGrainFactory grains, OrderIntake intake,
        [FromHeader(Name = NewId.IdempotencyHeader)] string? idempotencyKey)
    {
        var id = NewId.For("o", user.Who(), idempotencyKey);
        // A keyed order may have been filed by an earlier try: its grain finds it. Any other id is new.
        var order = idempotencyKey is null
            ? await intake.SubmitNew(id, body, user.Who())
            : await grains.GetGrain<IOrderGrain>(id).Submit(body, user.Who());
        return TypedResults.Created($"/api/orders/{order.Id}", order);
    }

    private static async Task<Results<Ok<OrderView>, ForbidHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var order = await grains.GetGrain<IOrderGrain>(id).Get();
        return user.MayRead(order.CustomerId) ? TypedResults.Ok(order) : TypedResults.Forbid();
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEvent>>, ForbidHttpResult>> Audit(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var order = grains.GetGrain<IOrderGrain>(id);
        if (!user.MayRead((await order.Get()).CustomerId)) return TypedResults.Forbid();
        return TypedResults.Ok(await order.GetAudit());
    }

    private static async Task<Results<Ok<OrderSummary[]>, ForbidHttpResult>> List(
        ClaimsPrincipal user, IGrainFactory grains, string? customerId = null, string? productLine = null, OrderStatus? status = null)
    {
        if (user.OwnCustomer() is { } own)
        {
            if (customerId is not null && customerId != own) return TypedResults.Forbid();
            customerId = own;
        }
        if (customerId is not null) EntityId.Require(customerId, nameof(customerId));
        if (productLine is not null) EntityId.Require(productLine, nameof(productLine));
        var filter = new OrderFilter(customerId, status);
        var productLines = productLine is not null ? [productLine] : await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List();
        var lists = await Task.WhenAll(productLines.Select(p => grains.GetGrain<IAllocationGrain>(p).ListOrders(filter)));
        return TypedResults.Ok(lists.SelectMany(l => l).OrderBy(o => o.SubmittedAt).ThenBy(o => o.Id, StringComparer.Ordinal).ToArray());
    }

    private static async Task<Ok<OrderView>> Cancel(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOrderGrain>(id).Cancel(user.Who()));

    private static async Task<Ok<OrderView>> RecordImportDecision(string id, ImportDecision body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOrderGrain>(id).RecordImportDecision(body, user.Who()));

    private static async Task<Ok<OrderView>> RecordReview(string id, ReviewDecision body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOrderGrain>(id).RecordReview(body, user.Who()));
}
