namespace SupplyGrains.Domain;

/// <summary>A lookup of something that does not exist; the API answers 404.</summary>
[GenerateSerializer, Alias("SupplyGrains.NotFoundException")]
public sealed class NotFoundException(string kind, string id) : Exception($"{kind} '{id}' does not exist.")
{
    [Id(0)] public string Kind { get; set; } = kind;
    [Id(1)] public string EntityId { get; set; } = id;
}
