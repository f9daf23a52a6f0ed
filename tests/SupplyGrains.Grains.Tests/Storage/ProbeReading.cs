namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>What a probe grain holds right now, and which activation holds it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Grains.Tests.Storage.ProbeReading")]
public sealed record ProbeReading(string Value, int Writes, bool RecordExists, string? ETag, Guid ActivationId);
