namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// A person's resolution of one gate's hold, bound to the facts it was made on: it stands through later
/// re-evaluations while <see cref="Facts"/> stay the same, and lapses when they change.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Resolution")]
public sealed record Resolution(
    Gate Gate,
    bool Cleared,
    string Facts,
    string By,
    DateTimeOffset At,
    string? Note);
