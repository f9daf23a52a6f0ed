namespace SupplyGrains.Domain;

/// <summary>A request that contradicts the current state (a stale preview, a finished order); the API answers 409.</summary>
[GenerateSerializer, Alias("SupplyGrains.ConflictException")]
public sealed class ConflictException(string message) : Exception(message);
