namespace SupplyGrains.Grains.Allocation;

/// <summary>The kinds of effect a commit or release has beyond the allocation grain.</summary>
public enum PendingEffectKind
{
    SaveRun,
    CommitSupply,
    ReleaseSupply,
    DrawLicense,
    ReturnLicense,
}
