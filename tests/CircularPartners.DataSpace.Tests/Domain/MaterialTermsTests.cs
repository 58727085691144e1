using CircularPartners.DataSpace.Domain.Index;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>Issue 17 item 7: material names people write find one another.</summary>
public sealed class MaterialTermsTests
{
    [Theory]
    [InlineData("copper", "Copper foil")]
    [InlineData("Copper foil", "copper")]
    [InlineData("銅", "copper")]
    [InlineData("copper", "銅箔")]
    [InlineData("Cu", "copper wire")]
    [InlineData("ＣＯＰＰＥＲ", "copper")]          // full-width Latin
    [InlineData("aluminum", "Aluminium")]
    [InlineData("アルミニウム", "aluminium sheet")]
    [InlineData("ｱﾙﾐﾆｳﾑ", "アルミニウム")]          // half-width katakana
    [InlineData("あるみにうむ", "アルミニウム")]      // hiragana
    [InlineData("M-004", "brass")]                   // IEC 62474 class: copper and its alloys
    [InlineData("copper alloys", "真鍮")]
    [InlineData("stainless", "SUS304")]
    [InlineData("PVC", "poly(vinyl chloride)")]
    [InlineData("塩ビ", "polyvinyl chloride")]
    [InlineData("foil", "Copper foil")]               // a word that names no material
    [InlineData("polycarbonate", "ポリカーボネート樹脂")]
    [InlineData("ｶﾞﾗｽ", "glass fibre")]                // half-width with a voiced mark
    [InlineData("ぽりかーぼねーと", "PC")]
    public void Matches_SameMaterialWrittenAnotherWay_Matches(string query, string material) =>
        Assert.True(MaterialTerms.Matches(MaterialTerms.Of(FacetMaterial(material)), MaterialTerms.Wanted(query)),
            $"'{query}' should find '{material}' ({string.Join(' ', MaterialTerms.Of(FacetMaterial(material)))})");

    [Theory]
    [InlineData("copper", "brass")]                 // an alloy of copper is not copper
    [InlineData("銅", "黄銅")]                      // 黄銅 (brass) contains 銅 but is not copper
    [InlineData("aluminium", "アルミナ")]            // alumina is an oxide, not the metal
    [InlineData("lead", "lead-free solder")]
    [InlineData("鉛", "鉛フリーはんだ")]
    [InlineData("鉛", "無鉛はんだ")]
    [InlineData("tin", "tinned copper")]
    [InlineData("copper", "aluminium foil")]
    [InlineData("foil", "copper")]
    [InlineData("", "copper")]
    [InlineData(" - ", "copper")]
    [InlineData("stainless steel", "carbon steel")]
    public void Matches_AnotherMaterial_DoesNotMatch(string query, string material) =>
        Assert.False(MaterialTerms.Matches(MaterialTerms.Of(FacetMaterial(material)), MaterialTerms.Wanted(query)),
            $"'{query}' should not find '{material}' ({string.Join(' ', MaterialTerms.Of(FacetMaterial(material)))})");

    [Fact]
    public void Synonyms_EveryNameOfAConcept_NamesThatConceptAlone()
    {
        foreach (var concept in MaterialSynonyms.Concepts)
        {
            foreach (var name in concept.Names)
            {
                Assert.Equal(["#" + concept.Id], MaterialTerms.Wanted(name));
            }
        }
    }

    /// <summary>As the facet extractor stores it (trimmed, lower case).</summary>
    private static string FacetMaterial(string material) => material.Trim().ToLowerInvariant();
}
