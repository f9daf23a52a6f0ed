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
    [InlineData("Sophgo Technologies S.A.", "sophgo technologies")]
    [InlineData("ACME L.L.C.", "acme")]
    [InlineData("The Beijing Academy of Artificial Intelligence", "beijing academy of artificial intelligence")]
    [InlineData("Harbin Univ. of Science & Technology", "harbin university of science technology")]
    [InlineData("Natl. Inst. of Metrology", "national institute of metrology")]
    [InlineData("People’s Liberation Army", "peoples liberation army")]
    [InlineData("中科曙光股份有限公司", "中科曙光")]
    public void Normalize_DropsCaseDiacriticsPunctuationAndLegalSuffixes(string name, string expected) =>
        Assert.Equal(expected, PartyName.Normalize(name));

    [Fact]
    public void Diacritics_AreDropped_NotTransliterated()
    {
        Assert.Equal(PartyName.Normalize("Mueller GmbH"), PartyName.Normalize("MUELLER GMBH"));
        Assert.Equal("muller", PartyName.Normalize("Müller GmbH"));
        Assert.NotEqual(PartyName.Normalize("Müller GmbH"), PartyName.Normalize("Mueller GmbH"));
    }
}
