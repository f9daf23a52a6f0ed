using Microsoft.AspNetCore.Authorization;

namespace SupplyGrains.Silo.Security;

/// <summary>API-key authentication and the role policies of SPEC §7.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddSupplyGrainsSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var keys = configuration.GetSection("Auth:ApiKeys").Get<Dictionary<string, ApiKeyEntry>>() ?? [];
        if (!environment.IsDevelopment() && keys.Keys.Any(k => k.StartsWith("dev-", StringComparison.Ordinal)))
            throw new InvalidOperationException("Development API keys (dev-*) are configured outside the Development environment; remove them.");
        foreach (var (key, entry) in keys)
        {
            if (string.IsNullOrWhiteSpace(entry.Name) || !Roles.All.Contains(entry.Role))
                throw new InvalidOperationException($"API key '{key[..Math.Min(4, key.Length)]}…' needs a Name and a Role ({string.Join(", ", Roles.All)}).");
            if (entry.Role == Roles.Customer && string.IsNullOrWhiteSpace(entry.CustomerId))
                throw new InvalidOperationException($"API key of '{entry.Name}' has the customer role but no CustomerId.");
        }

        services.AddAuthentication(ApiKeyOptions.Scheme)
            .AddScheme<ApiKeyOptions, ApiKeyAuthenticationHandler>(ApiKeyOptions.Scheme, o => o.ApiKeys = keys);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.ReadPolicy, p => p.RequireRole(Roles.Admin, Roles.Planner, Roles.Compliance, Roles.Viewer))
            .AddPolicy(Roles.OwnReadPolicy, p => p.RequireRole(Roles.All))
            .AddPolicy(Roles.PlanPolicy, p => p.RequireRole(Roles.Admin, Roles.Planner))
            .AddPolicy(Roles.CompliancePolicy, p => p.RequireRole(Roles.Admin, Roles.Compliance))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
