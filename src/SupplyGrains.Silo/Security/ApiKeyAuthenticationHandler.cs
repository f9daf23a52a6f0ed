using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SupplyGrains.Silo.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys. Hand-written because ASP.NET Core ships
/// no API-key scheme; everything after authentication (roles, policies, 401/403) is ASP.NET Core's own.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string CustomerClaim = "supplygrains:customer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyOptions.HeaderName, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var key = values.ToString();
        if (!Options.ApiKeys.TryGetValue(key, out var entry))
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(ClaimTypes.Role, entry.Role) };
        if (entry.CustomerId is { } customer) claims.Add(new Claim(CustomerClaim, customer));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }
}
