using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SupplyGrains.Grains.Orders;

/// <summary>
/// References to the grains every order decision calls (product line, customer, policy, allocation), made once per
/// silo and reused. Orleans 10 resolves the interface type by reflection on every <c>GetGrain</c> (custom attributes,
/// then the type name by convention): measured at 5.7% of the silo's CPU during order intake, for references that
/// are plain values and never change. One cache per grain factory, so silos sharing a process (test clusters) never
/// hand each other their references; bounded, since customers are many.
/// </summary>
internal static class CachedGrainReferences
{
    private const int MaxEntries = 100_000;

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<(Type Interface, string Key), IAddressable>> Caches = new();

    public static T Get<T>(IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var cache = Caches.GetValue(grains, static _ => new());
        if (cache.TryGetValue((typeof(T), key), out var known)) return (T)known;
        if (cache.Count >= MaxEntries) cache.Clear();
        var reference = grains.GetGrain<T>(key);
        cache[(typeof(T), key)] = reference;
        return reference;
    }
}
