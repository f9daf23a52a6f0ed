namespace SupplyGrains.Contracts.Supply;

/// <summary>
/// What-if on a product line's supply (key: product code): the ledger it would have under hypothetical fab changes
/// and adjustments. Reads only; records nothing.
/// </summary>
[Alias("SupplyGrains.ISupplyPreviewGrain")]
public interface ISupplyPreviewGrain : IGrainWithStringKey
{
    /// <summary>
    /// The product line's weekly supply now and under <paramref name="whatIf"/>; throws <see cref="Domain.NotFoundException"/>
    /// for an unknown product line and <see cref="Domain.DomainValidationException"/> naming the field of a bad or unknown fab.
    /// </summary>
    [Alias("Preview")]
    Task<SupplyPreview> Preview(SupplyWhatIf whatIf);
}
