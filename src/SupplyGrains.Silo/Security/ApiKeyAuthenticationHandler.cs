using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SupplyGrains.Silo.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys. Hand-written because ASP.NET Core ships
/// no API-key scheme; everything after authentication (roles, policies, 401/403) is ASP.NET Core's own.
/// A browser cannot add that header to the requests a page makes, so under <c>/dashboard</c> the key may also come as
/// the password of HTTP Basic authentication (any user name), and a 401 there asks the browser for it.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string CustomerClaim = "supplygrains:customer";

    public static readonly PathString BrowserPages = "/dashboard";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers.TryGetValue(ApiKeyOptions.HeaderName, out var values) && values.Count > 0 ? values.ToString() : BasicPassword();
        if (key is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!Options.ApiKeys.TryGetValue(key, out var entry))
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(ClaimTypes.Role, entry.Role) };
        if (entry.CustomerId is { } customer) claims.Add(new Claim(CustomerClaim, customer));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments(BrowserPages))
            Response.Headers.WWWAuthenticate = "Basic realm=\"SupplyGrains dashboard\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private string? BasicPassword()
    {
        if (!Request.Path.StartsWithSegments(BrowserPages)
            || !System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return null;
        try
        {
            var credentials = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
