using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Compliance;

/// <summary>Puts a policy's allocation conditions into a run's caps: the planner may tighten a condition, never loosen or drop it.</summary>
public static class PolicyConditions
{
    /// <exception cref="DomainValidationException">A planner's ratio on a destination the policy caps, but looser or on other terms.</exception>
    public static AllocationCaps Apply(AllocationCaps? caps, VersionedPolicy? policy, string productLine)
    {
        caps ??= AllocationCaps.None;
        var required = (policy?.Document.Allocation ?? [])
            .Where(c => c.ProductLines.Contains(productLine))
            .SelectMany(c => c.DestinationRatio)
            .ToList();
        if (required.Count == 0) return caps;

        var ratios = (caps.DestinationRatio ?? []).ToList();
        foreach (var condition in required)
        {
            var i = ratios.FindIndex(r => r?.Destination == condition.Destination);
            if (i < 0)
            {
                ratios.Add(condition);
                continue;
            }
            var asked = ratios[i];
            if (asked.RelativeTo != condition.RelativeTo || !Members(asked).SetEquals(Members(condition)) || asked.MaxRatio > condition.MaxRatio)
            {
                throw new DomainValidationException($"caps.destinationRatio[{i}]",
                    $"policy v{policy!.Version} requires {Describe(condition)} for {productLine}; a run may tighten that ratio but not loosen or change it");
            }
        }
        return caps with { DestinationRatio = ratios };
    }

    private static HashSet<string> Members(DestinationRatio r) => [r.Destination, .. r.Together ?? []];

    private static string Describe(DestinationRatio r) =>
        $"{string.Join(" + ", Members(r).Order(StringComparer.Ordinal))} ≤ {r.MaxRatio} × {r.RelativeTo}";
}
