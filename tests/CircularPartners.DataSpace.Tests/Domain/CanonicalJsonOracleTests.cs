using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// The canonicaliser against the first implementation: the same bytes and hash (content hashes name
/// stored versions, so they must never change) and the same violations.
/// </summary>
public sealed class CanonicalJsonOracleTests
{
    public static TheoryData<string> Documents()
    {
        var large = JsonNode.Parse(RepositoryPaths.Example("cmp"))!;
        var substances = large["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"]!.AsArray();
        for (var i = 0; i < 300; i++)
        {
            substances.Add(new JsonObject { ["substanceName"] = $"Substance {i}", ["casNumber"] = "7439-92-1", ["massMg"] = 1.50e-3 });
        }
        var data = new TheoryData<string>();
        foreach (var useCase in Passports.UseCases)
        {
            data.Add(RepositoryPaths.Example(useCase));
        }
        data.Add(large.ToJsonString());
        data.Add("""{"b":1,"a":{"z/~x":[1,2.50,{"y":"\u00e9\"\\","x":null}],"é":true},"":"empty key","A":-0.0e+10}""");
        data.Add("""[3,"two",{"one":1}]""");
        data.Add("\"just a string with \\u2028 and \\ud83d\\ude00\"");
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Canonicalize_Document_SameBytesAndHashAsReference(string json)
    {
        using var expected = ReferenceCanonicalJson.Canonicalize(json, 64);
        using var actual = CanonicalJson.Canonicalize(json, 64);

        Assert.Equal(expected.Json, actual.Json);
        Assert.Equal(expected.ContentHash, actual.ContentHash);
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"c":3,"d/~":{"e":4,"e":5}},"a":6}""", 64)]
    [InlineData("""{"a":[[[[{"deep":1}]]]],"b":{"c":{"d":{}}}}""", 3)]
    [InlineData("""{"x~y":[0,{"p/q":[[1]]}]}""", 2)]
    public void Canonicalize_Invalid_SameViolationsAsReference(string json, int maxDepth)
    {
        var expected = Assert.Throws<PassportValidationException>(() => ReferenceCanonicalJson.Canonicalize(json, maxDepth));
        var actual = Assert.Throws<PassportValidationException>(() => CanonicalJson.Canonicalize(json, maxDepth));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Violations.OrderBy(v => v.Pointer, StringComparer.Ordinal), actual.Violations.OrderBy(v => v.Pointer, StringComparer.Ordinal));
    }
}
