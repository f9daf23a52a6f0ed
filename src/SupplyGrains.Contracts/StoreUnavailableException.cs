namespace SupplyGrains.Contracts;

/// <summary>
/// The grain store could not complete an operation (the database is away, the disk failed): nothing of a write was
/// committed, and a retry may succeed. The API answers 503. The store's own exception is logged where it happened
/// and only described here (<see cref="Cause"/>): driver exceptions such as Npgsql's have no Orleans codec and would
/// turn the whole response into a serialization failure on the way to the caller.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string store, Exception cause)
        : base($"The grain store '{store}' could not complete the operation: {cause.Message}")
    {
        Store = store;
        Cause = cause.GetType().Name;
    }

    [Id(0)]
    public string Store { get; } = "";

    /// <summary>The type name of the store's exception, e.g. <c>PostgresException</c>.</summary>
    [Id(1)]
    public string Cause { get; } = "";

    /// <summary>
    /// Whether <paramref name="exception"/> or one it wraps is a store failure: Orleans wraps what a store threw
    /// (the state bridge, an activation that could not read its state), so the cause may sit a few levels down.
    /// </summary>
    public static bool IsCauseOf(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is StoreUnavailableException) return true;
        return false;
    }
}
