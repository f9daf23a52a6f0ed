using Microsoft.AspNetCore.Authentication;

namespace SupplyGrains.Silo.Security;

/// <summary>The accepted API keys (configuration section <c>Auth:ApiKeys</c>, keyed by the key itself).</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public Dictionary<string, ApiKeyEntry> ApiKeys { get; set; } = [];
}
