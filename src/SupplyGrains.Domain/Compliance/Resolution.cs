namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// A person's resolution of one gate's hold, bound to the facts it was made on: it stands through later
/// re-evaluations while <see cref="Facts"/> stay the same, and lapses when they change.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Resolution")]
public sealed record Resolution(
    [property: Id(0)] Gate Gate,
    [property: Id(1)] bool Cleared,
    [property: Id(2)] string Facts,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Note);
