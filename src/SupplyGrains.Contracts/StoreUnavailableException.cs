namespace SupplyGrains.Contracts;

/// <summary>
/// The grain store could not make a write durable (the database is away, the disk failed): nothing of it was
/// committed, and a retry may succeed. The API answers 503. The store's own error travels as the inner exception.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string store, Exception cause)
        : base($"The grain store '{store}' could not complete the operation: {cause.Message}", cause) => Store = store;

    [Id(0)]
    public string Store { get; } = "";
}
