using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// One confirmation while a plan is worked out: the order and class it belongs to, its week (and that week's place in
/// the book), what it was and what is left of it.
/// </summary>
internal sealed class HeldConfirmation(int order, ConfirmationClass confirmationClass, IsoWeek week, int weekIndex, long quantity, string runId, string? licenseId)
{
    public int Order { get; } = order;

    public ConfirmationClass Class { get; } = confirmationClass;

    public IsoWeek Week { get; } = week;

    public int WeekIndex { get; } = weekIndex;

    public long Quantity { get; } = quantity;

    public string RunId { get; } = runId;

    public string? LicenseId { get; } = licenseId;

    public long Left { get; set; } = quantity;
}
