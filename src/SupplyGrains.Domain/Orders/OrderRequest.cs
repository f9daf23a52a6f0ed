using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Orders;

/// <summary>What a buyer asks for: a quantity of a product line from a week on, for a use case, shipped somewhere.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderRequest")]
public sealed record OrderRequest(
    string CustomerId,
    string ProductLine,
    int Quantity,
    IsoWeek RequestedWeek,
    UseCase UseCase,
    string ShipToCountry,
    EndUser? EndUser = null,
    ConfirmationClass? ConfirmationClass = null) : IValidatableObject
{
    /// <summary>The country export and import rules look at: the end user's when one is named, else the ship-to country.</summary>
    public string Destination => EndUser?.Country ?? ShipToCountry;

    public ConfirmationClass EffectiveConfirmationClass => ConfirmationClass ?? Orders.ConfirmationClass.Redistribute;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(CustomerId)) yield return new($"must be a customer id ({EntityId.Rule})", [nameof(CustomerId)]);
        if (!EntityId.IsValid(ProductLine)) yield return new($"must be a product line id ({EntityId.Rule})", [nameof(ProductLine)]);
        if (Quantity < 1) yield return new("must be a positive number of units", [nameof(Quantity)]);
        if (RequestedWeek == default) yield return new("is required (YYYY-Www)", [nameof(RequestedWeek)]);
        if (!Enum.IsDefined(UseCase)) yield return new("unknown use case", [nameof(UseCase)]);
        if (!CountryCode.IsValid(ShipToCountry)) yield return new(CountryCode.Rule, [nameof(ShipToCountry)]);
        if (EndUser is not null)
        {
            if (string.IsNullOrWhiteSpace(EndUser.Name)) yield return new("must not be empty", [$"{nameof(EndUser)}.{nameof(EndUser.Name)}"]);
            if (!CountryCode.IsValid(EndUser.Country)) yield return new(CountryCode.Rule, [$"{nameof(EndUser)}.{nameof(EndUser.Country)}"]);
        }
        if (ConfirmationClass is { } c && !Enum.IsDefined(c)) yield return new("unknown confirmation class", [nameof(ConfirmationClass)]);
    }
}
