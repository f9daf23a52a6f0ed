using System.Security.Cryptography;
using System.Text;

namespace SupplyGrains.Silo.Endpoints;

/// <summary>
/// Ids the server assigns (orders, runs, supply adjustments). With an <c>Idempotency-Key</c> the id is derived from the
/// caller and the key, so a retry — after a restart, on another silo — reaches the same grain and gets the same answer.
/// </summary>
public static class NewId
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string For(string prefix, string caller, string? idempotencyKey)
    {
        if (string.IsNullOrEmpty(idempotencyKey)) return $"{prefix}-{TimeOrderedGuid.Create(TimeProvider.System):N}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{idempotencyKey}"));
        return $"{prefix}-k{Convert.ToHexStringLower(hash)[..31]}";
    }
}
