namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>The state the storage tests persist: a value and how many writes produced it.</summary>
[GenerateSerializer, Alias("SupplyGrains.Grains.Tests.Storage.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public string Value { get; set; } = "";

    [Id(1)] public int Writes { get; set; }
}
