using System.Buffers;
using System.Runtime.CompilerServices;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Working arrays of one run, rented from the shared pool and all returned together. Building a book of a million
/// orders needs a dozen arrays of a million entries that live for a few milliseconds; allocating them afresh on every
/// run put tens of megabytes a run on the large-object heap, and each such run paid for a full collection.
/// </summary>
/// <remarks>A rented array may be longer than asked for and holds whatever its last user left: read only what you wrote.</remarks>
internal sealed class PooledScratch : IDisposable
{
    private readonly List<Action> _returns = [];

    public T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        // References are cleared on return, so the pool keeps no order or customer alive.
        _returns.Add(() => ArrayPool<T>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>()));
        return array;
    }

    public void Dispose()
    {
        foreach (var giveBack in _returns) giveBack();
        _returns.Clear();
    }
}
