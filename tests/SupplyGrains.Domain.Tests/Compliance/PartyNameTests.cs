using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Domain.Tests.Compliance;

public class PartyNameTests
{
    [Theory]
    [InlineData("Beijing ACME Co., Ltd.", "beijing acme")]
    [InlineData("ACME GmbH", "acme")]
    [InlineData("Müller & Söhne AG", "muller sohne")]
    [InlineData("  N.U.D.T.  ", "nudt")]
    [InlineData("字节跳动有限公司", "字节跳动")]
    [InlineData("Pacific Compute Trading Pte. Ltd.", "pacific compute trading")]
    public void Normalize_DropsCaseDiacriticsPunctuationAndLegalSuffixes(string name, string expected) =>
        Assert.Equal(expected, PartyName.Normalize(name));
}
