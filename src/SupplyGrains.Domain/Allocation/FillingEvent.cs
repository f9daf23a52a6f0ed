namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// A level of the water at which something stops rising, with a total order (level, kind, id, version) so that
/// simultaneous events are handled in the same order on every run. The version tells a stale event (its customer or
/// cap changed since it was scheduled) from a live one.
/// </summary>
internal readonly record struct FillingEvent(double Level, FillingEventKind Kind, int Id, int Version) : IComparable<FillingEvent>
{
    public int CompareTo(FillingEvent other)
    {
        var byLevel = Level.CompareTo(other.Level);
        if (byLevel != 0) return byLevel;
        // Enum.CompareTo takes an object: comparing the enums themselves boxed both per comparison, millions a run.
        var byKind = ((int)Kind).CompareTo((int)other.Kind);
        if (byKind != 0) return byKind;
        var byId = Id.CompareTo(other.Id);
        return byId != 0 ? byId : Version.CompareTo(other.Version);
    }
}
