using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Domain.Tests.Compliance;

/// <summary>
/// Denied-party screening on a table of real-world name variants: each screened name is run against the whole list
/// (so it must also not match the wrong party) at the policy's threshold, and the row says whether it is the listed
/// name (exact: the gate rejects), resembles it (possible: held for a compliance officer) or is another party.
/// </summary>
public class ScreeningTableTests
{
    private const decimal Threshold = 0.9m;

    private const string Nudt = "National University of Defense Technology";
    private const string Hit = "Harbin Institute of Technology";
    private const string Dawning = "Dawning Information Industry Co., Ltd.";
    private const string Baai = "Beijing Academy of Artificial Intelligence";
    private const string Lianxin = "Lianxin Compute Trading Limited";
    private const string Huawei = "Huawei Technologies Co., Ltd.";
    private const string HuaweiDusseldorf = "Huawei Technologies Düsseldorf GmbH";
    private const string Inspur = "Inspur Group Co., Ltd.";
    private const string Sichuan = "Sichuan University";
    private const string Bcsrc = "Beijing Computational Science Research Center";
    private const string Sophgo = "Sophgo Technologies Ltd.";
    private const string Zhipu = "Beijing Zhipu Huazhang Technology Co., Ltd.";

    /// <summary>The five entries of ops/policies/v2.json as they stand, then Entity-List parties of the same kind.</summary>
    private static readonly IReadOnlyList<DeniedParty> List =
    [
        new(Nudt, ["NUDT", "国防科技大学", "PLA National University of Defense Technology"]),
        new(Hit, ["HIT", "哈尔滨工业大学"]),
        new(Dawning, ["Sugon", "中科曙光"]),
        new(Baai, ["BAAI", "北京智源人工智能研究院"]),
        new(Lianxin, ["Lianxin Compute (HK)", "联芯算力贸易有限公司"]),
        new(Huawei, ["Huawei", "华为技术有限公司"]),
        new(HuaweiDusseldorf, []),
        new(Inspur, ["Inspur", "浪潮集团有限公司"]),
        new(Sichuan, ["四川大学"]),
        new(Bcsrc, []),
        new(Sophgo, ["算能科技有限公司"]),
        new(Zhipu, ["Zhipu AI", "北京智谱华章科技有限公司"]),
    ];

    public enum Expected { Exact, Possible, NoMatch }

    /// <summary>Screened name, expected outcome, and the listed party it matches (or, for a non-match, resembles).</summary>
    public static TheoryData<string, Expected, string> Table => new()
    {
        // The listed name, whatever its case, punctuation and legal form.
        { "NATIONAL UNIVERSITY OF DEFENSE TECHNOLOGY", Expected.Exact, Nudt },
        { "N.U.D.T.", Expected.Exact, Nudt },                                  // initialism with dots
        { "NUDT, Ltd.", Expected.Exact, Nudt },
        { "Natl. Univ. of Defense Technology", Expected.Exact, Nudt },         // common abbreviations
        { "国防科技大学", Expected.Exact, Nudt },
        { "Harbin Institute of Technology Co., Ltd.", Expected.Exact, Hit },
        { "H.I.T.", Expected.Exact, Hit },
        { "哈尔滨工业大学", Expected.Exact, Hit },
        { "DAWNING INFORMATION INDUSTRY CO LTD", Expected.Exact, Dawning },
        { "Dawning Information Industry Company Limited", Expected.Exact, Dawning },
        { "SUGON Inc.", Expected.Exact, Dawning },
        { "中科曙光股份有限公司", Expected.Exact, Dawning },                       // listed without any legal form
        { "The Beijing Academy of Artificial Intelligence", Expected.Exact, Baai },
        { "B.A.A.I.", Expected.Exact, Baai },
        { "Lianxin Compute Trading Co., Ltd.", Expected.Exact, Lianxin },
        { "Lian Xin Compute Trading Limited", Expected.Exact, Lianxin },        // pinyin syllables split
        { "联芯算力贸易", Expected.Exact, Lianxin },                               // listed with 有限公司
        { "Lianxin Compute (H.K.)", Expected.Exact, Lianxin },
        { "Hua Wei Technologies Co., Ltd.", Expected.Exact, Huawei },           // pinyin syllables split
        { "HUAWEI TECHNOLOGIES GMBH", Expected.Exact, Huawei },
        { "华为技术有限公司", Expected.Exact, Huawei },
        { "Huawei Technologies Dusseldorf GmbH", Expected.Exact, HuaweiDusseldorf }, // ü without its dots
        { "Inspur Group Company Limited", Expected.Exact, Inspur },
        { "Sophgo Technologies S.A.", Expected.Exact, Sophgo },
        { "SOPHGO TECHNOLOGIES L.L.C.", Expected.Exact, Sophgo },
        { "算能科技股份有限公司", Expected.Exact, Sophgo },                        // listed as 有限公司
        { "Zhipu AI", Expected.Exact, Zhipu },

        // Resembles a listed name: a person must look.
        { "National University of Defence Technology", Expected.Possible, Nudt }, // British spelling
        { "National Univ. of Defense Tech.", Expected.Possible, Nudt },
        { "Technology University of Defense National", Expected.Possible, Nudt }, // same words, another order
        { "People's Liberation Army National University of Defense Technology", Expected.Possible, Nudt },
        { "中国人民解放军国防科技大学", Expected.Possible, Nudt },                   // the PLA's full Chinese name
        { "National University of Defense Technology (NUDT)", Expected.Possible, Nudt },
        { "Harbin Institute of Tecnology", Expected.Possible, Hit },             // typo
        { "Harbin Institute of Technology (Shenzhen)", Expected.Possible, Hit }, // a campus
        { "Dawnning Information Industry Co., Ltd.", Expected.Possible, Dawning },
        { "Dawning Information Industries Co., Ltd.", Expected.Possible, Dawning },
        { "Sugon Information Industry Co., Ltd.", Expected.Possible, Dawning },  // the company's own English name
        { "Sugon Information", Expected.Possible, Dawning },
        { "Beijing Academy of Artifical Intelligence", Expected.Possible, Baai },
        { "Lianxin Compute Trading (HK) Limited", Expected.Possible, Lianxin },
        { "Hauwei Technologies", Expected.Possible, Huawei },                    // transposed letters
        { "Huawei Device Co., Ltd.", Expected.Possible, Huawei },                // an affiliate
        { "Huawei Technologies Duesseldorf GmbH", Expected.Possible, HuaweiDusseldorf }, // ü as ue: not the same string
        { "Inspur Electronic Information Industry Co., Ltd.", Expected.Possible, Inspur },
        { "Sophgo Technology Ltd", Expected.Possible, Sophgo },
        { "四川大学华西医院", Expected.Possible, Sichuan },                          // West China Hospital of Sichuan University

        // Another party that shares words, a city or a script with a listed one.
        { "Harbin Engineering University", Expected.NoMatch, Hit },
        { "Harbin University of Science and Technology", Expected.NoMatch, Hit },
        { "Beijing Institute of Technology", Expected.NoMatch, Hit },
        { "Harbin Electric Corporation", Expected.NoMatch, Hit },
        { "HIT Entertainment Ltd.", Expected.NoMatch, Hit },                     // a short initialism inside another name
        { "National University of Singapore", Expected.NoMatch, Nudt },
        { "National Defense University", Expected.NoMatch, Nudt },               // another institution (国防大学)
        { "Beijing Academy of Agriculture", Expected.NoMatch, Baai },
        { "Beijing Academy of Agriculture and Forestry Sciences", Expected.NoMatch, Baai },
        { "Sichuan Normal University", Expected.NoMatch, Sichuan },
        { "四川师范大学", Expected.NoMatch, Sichuan },                              // Sichuan Normal University
        { "Beijing Computing Center", Expected.NoMatch, Bcsrc },
        { "Tencent Cloud Computing (Beijing) Co., Ltd.", Expected.NoMatch, Bcsrc },
        { "Pacific Compute Trading Pte. Ltd.", Expected.NoMatch, Lianxin },
        { "Lenovo Group Limited", Expected.NoMatch, Inspur },
        { "Moonshot AI", Expected.NoMatch, Zhipu },
        { "ByteDance Ltd.", Expected.NoMatch, Zhipu },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ScreenedName_HasTheExpectedOutcome_AgainstTheRightParty(string screened, Expected expected, string party)
    {
        Assert.Contains(List, p => p.Name == party);

        var hit = DeniedPartyScreen.Screen([screened], List, Threshold);

        var outcome = hit is null ? Expected.NoMatch : hit.IsExact ? Expected.Exact : Expected.Possible;
        Assert.True(expected == outcome, $"'{screened}': expected {expected}, got {outcome} ({hit})");
        if (hit is null) return;
        Assert.Equal(party, hit.DeniedParty);
        Assert.Equal(screened, hit.ScreenedName);
        if (expected == Expected.Exact) Assert.Equal(1m, hit.Score);
        else Assert.InRange(hit.Score, Threshold, 0.9999m);
    }

    [Fact]
    public void PossibleHit_NamesTheMatchedEntryAndAScoreFromTheThresholdUpToButNotIncludingOne()
    {
        var hit = DeniedPartyScreen.Screen(["Acme Trading", "Natl. Univ. of Defence Technology"], List, Threshold);

        Assert.NotNull(hit);
        Assert.Equal("Natl. Univ. of Defence Technology", hit.ScreenedName);
        Assert.Equal(Nudt, hit.DeniedParty);
        Assert.Equal(Nudt, hit.MatchedName);
        Assert.False(hit.IsExact);
        Assert.True(hit.Score >= Threshold && hit.Score < 1m, $"score {hit.Score}");
    }

    [Fact]
    public void ContainedListedName_IsHeldAtTheThreshold_AndTheAliasItMatchedIsNamed()
    {
        var hit = DeniedPartyScreen.Screen(["Sugon Information Industry Co., Ltd."], List, Threshold);

        Assert.NotNull(hit);
        Assert.Equal(Dawning, hit.DeniedParty);
        Assert.Equal("Sugon", hit.MatchedName);
        Assert.Equal(Threshold, hit.Score);
    }

    [Fact]
    public void Table_HasAtLeastThirtySixRows_WithEveryOutcome()
    {
        var rows = Table.Select(row => (Expected)row[1]).ToList();

        Assert.True(rows.Count >= 36, $"{rows.Count} rows");
        Assert.All(Enum.GetValues<Expected>(), e => Assert.True(rows.Count(r => r == e) >= 10, $"{e}: {rows.Count(r => r == e)} rows"));
    }
}
