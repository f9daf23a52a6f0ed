using System.Security.Claims;

namespace SupplyGrains.Silo.Security;

/// <summary>Who is calling, in the terms the audit and the customer role need.</summary>
public static class PrincipalExtensions
{
    /// <summary>The principal's name as the audit records it.</summary>
    public static string Who(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>Whether the caller may read what belongs to <paramref name="customerId"/>: any reader role may; a customer only its own.</summary>
    public static bool MayRead(this ClaimsPrincipal user, string customerId) =>
        !user.IsInRole(Roles.Customer) || user.FindFirstValue(ApiKeyAuthenticationHandler.CustomerClaim) == customerId;

    /// <summary>The customer a customer-role caller is limited to, or null for every other role.</summary>
    public static string? OwnCustomer(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Customer) ? user.FindFirstValue(ApiKeyAuthenticationHandler.CustomerClaim) : null;
}
