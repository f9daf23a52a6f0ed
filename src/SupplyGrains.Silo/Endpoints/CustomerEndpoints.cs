using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyGrains.Contracts.Customers;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Silo.Security;

namespace SupplyGrains.Silo.Endpoints;

/// <summary><c>/api/customers</c>: define or update customers; a customer may read its own.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers");
        api.MapPut("/{id}", Define).WithName("DefineCustomer").WithSummary("Define or update a customer; a change re-decides its open orders in the background, and the answer names that re-evaluation (reevaluation)").RequireAuthorization(Roles.PlanPolicy);
        api.MapGet("/{id}", Get).WithName("GetCustomer").WithSummary("A customer with its licences and the latest re-evaluation of its open orders").RequireAuthorization(Roles.OwnReadPolicy);
        return app;
    }

    private static async Task<Ok<CustomerView>> Define(string id, CustomerProfile body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(id).Define(body, user.Who()));

    private static async Task<Results<Ok<CustomerView>, ForbidHttpResult>> Get(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.MayRead(id)) return TypedResults.Forbid();
        return TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(id).Get());
    }
}
