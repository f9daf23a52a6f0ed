using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Tests;

public sealed class DomainValidationTests
{
    private sealed record SelfValidated(int Quantity) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Quantity < 1) yield return new("must be positive", [nameof(Quantity)]);
        }
    }

    private sealed record Annotated([property: Required] string? Name, int Quantity) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Quantity < 1) yield return new("must be positive", [nameof(Quantity)]);
        }
    }

    [Fact]
    public void A_type_without_attributes_is_judged_by_its_own_rules()
    {
        var valid = new SelfValidated(3);
        Assert.Same(valid, DomainValidation.Require(valid, "body"));
        var error = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new SelfValidated(0), "body"));
        Assert.Equal(["must be positive"], error.Errors["Quantity"]);
    }

    [Fact]
    public void Validation_attributes_still_count_and_come_before_the_types_own_rules()
    {
        var error = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new Annotated(null, 0), "body"));
        Assert.Equal(["Name"], error.Errors.Keys);
        var rule = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new Annotated("x", 0), "body"));
        Assert.Equal(["Quantity"], rule.Errors.Keys);
    }
}
