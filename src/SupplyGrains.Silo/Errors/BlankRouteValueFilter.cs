using SupplyGrains.Domain;

namespace SupplyGrains.Silo.Errors;

/// <summary>
/// Refuses a blank path segment (<c>/api/orders/%20</c>) as bad input naming the route parameter. Every such segment
/// is a grain key, and Orleans throws <see cref="ArgumentException"/> on a blank key before any grain of ours can
/// judge it, which would otherwise surface as a 500. Keys that are not blank are the grains' to judge (404, or 400
/// by <see cref="EntityId"/>).
/// </summary>
internal sealed class BlankRouteValueFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var (name, value) in context.HttpContext.Request.RouteValues)
        {
            if (value is string text && string.IsNullOrWhiteSpace(text))
                throw new DomainValidationException(name, $"must not be blank: use {EntityId.Rule}");
        }
        return next(context);
    }
}
