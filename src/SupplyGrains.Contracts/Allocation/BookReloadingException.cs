namespace SupplyGrains.Contracts.Allocation;

/// <summary>
/// A product line's allocation book refused a call: a write of it failed in a way that may leave the book on file
/// other than the one in memory (a page another activation wrote while the cluster's membership changed), so the
/// activation writes no more and the next one reads the book back from the store. Nothing of the call was put in the
/// book, and a retry shortly succeeds: the API answers 503.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.BookReloadingException")]
public sealed class BookReloadingException : Exception
{
    public BookReloadingException(string productLine, string cause)
        : base($"The allocation book of '{productLine}' is being read back from the store after a failed write ({cause}); try again.")
    {
        ProductLine = productLine;
    }

    [Id(0)]
    public string ProductLine { get; } = "";
}
