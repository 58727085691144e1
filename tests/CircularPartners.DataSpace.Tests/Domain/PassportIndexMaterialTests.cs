using System.Text.Json;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Tests.Storage;
using CsCheck;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// The index answers a material of several words from the list of its phrase (the terms of a
/// whole value) when one of its words has no other phrase, without checking candidates' values:
/// these tests fail if that list were taken for a query it does not answer, kept stale, or
/// trusted for a reader who may not see the value.
/// </summary>
public sealed class PassportIndexMaterialTests
{
    private const string Caller = "9010001000009";
    private static readonly Func<PassportRecord, AccessLevel> Everything = _ => AccessLevel.Owner;
    private static readonly Func<PassportRecord, AccessLevel> Member = _ => AccessLevel.Participant;

    private static PassportRecord Record(string id, long version, params (string Value, AccessLevel Level)[] materials) =>
        PassportStoreContract.Version(id).ToRecord(version, DateTimeOffset.UnixEpoch) with
        {
            // A CAS number above a member's level, so that a member's every candidate is checked value by value.
            Facets = new PassportFacets("cmp", "plastics", [.. materials.Select(m => m.Value)], ["7440-50-8"], 50)
            {
                MaterialLevels = [.. materials.Select(m => m.Level)],
                CasLevels = [AccessLevel.LegitimateInterest],
                CategoryLevel = AccessLevel.Public,
                RecycledContentLevel = AccessLevel.Public,
            },
        };

    private static string[] Found(PassportIndex index, string material, Func<PassportRecord, AccessLevel> levelFor) =>
        [.. index.Query(new PassportQuery([material], [], PageSize: PassportQuery.MaxPageSize), Caller, levelFor).Passports.Select(p => p.PassportId)];

    [Fact]
    public void Query_WordsOnlyInSeparateValues_FindsNothing()
    {
        var index = new PassportIndex();
        index.Upsert(Record("split", 1, ("widget-123", AccessLevel.Public), ("material-7", AccessLevel.Public)));

        Assert.Empty(Found(index, "material-123", Everything));
        Assert.Empty(Found(index, "material-123", Member));
        Assert.Equal(["split"], Found(index, "material 7", Everything));
    }

    [Fact]
    public void Query_WholeValueWrittenTwoWays_FindsBothForTheOwnerAndAMember()
    {
        var index = new PassportIndex();
        index.Upsert(Record("dash", 1, ("material-123", AccessLevel.Public)));
        index.Upsert(Record("space", 1, ("Material 123", AccessLevel.Public)));
        index.Upsert(Record("other", 1, ("material-124", AccessLevel.Public)));

        Assert.Equal(["dash", "space"], Found(index, "material-123", Everything));
        Assert.Equal(["dash", "space"], Found(index, "MATERIAL 123", Member));
    }

    [Fact]
    public void Query_ValueWithMoreWordsAddedLater_IsFoundWithTheWholeValue()
    {
        var index = new PassportIndex();
        index.Upsert(Record("whole", 1, ("material-123", AccessLevel.Public)));
        Assert.Equal(["whole"], Found(index, "material-123", Everything));

        index.Upsert(Record("longer", 1, ("material-123 foil", AccessLevel.Public)));

        Assert.Equal(["whole", "longer"], Found(index, "material-123", Everything));
        Assert.Equal(["whole", "longer"], Found(index, "material-123", Member));
        Assert.Equal(["longer"], Found(index, "123 foil", Everything));
    }

    [Fact]
    public void Query_PhraseValueAboveTheCallersLevel_IsFoundOnlyAtItsLevel()
    {
        var index = new PassportIndex();
        index.Upsert(Record("hidden", 1, ("material-123", AccessLevel.LegitimateInterest), ("material-9", AccessLevel.Public)));
        index.Upsert(Record("open", 1, ("material-123", AccessLevel.Public)));

        Assert.Equal(["open"], Found(index, "material-123", Member));
        Assert.Equal(["hidden", "open"], Found(index, "material-123", _ => AccessLevel.LegitimateInterest));
    }

    [Fact]
    public void Upsert_ValueChangedAndBack_QueriesFollowTheLatestVersion()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 1, ("material-123", AccessLevel.Public)));
        index.Upsert(Record("p", 2, ("material-124", AccessLevel.Public)));

        Assert.Empty(Found(index, "material-123", Everything));
        Assert.Equal(["p"], Found(index, "material-124", Everything));

        index.Upsert(Record("p", 3, ("material-123", AccessLevel.Public)));

        Assert.Equal(["p"], Found(index, "material-123", Everything));
        Assert.Empty(Found(index, "material-124", Everything));
    }

    [Fact]
    public void Query_PhraseWhoseWordsAllGainOtherPhrases_IsStillFound()
    {
        var index = new PassportIndex();
        index.Upsert(Record("first", 1, ("alpha beta", AccessLevel.Public)));
        index.Upsert(Record("alpha", 1, ("alpha gamma", AccessLevel.Public)));
        index.Upsert(Record("beta", 1, ("beta delta", AccessLevel.Public)));
        // Every word of "alpha beta" now has another phrase too: the phrase's own list is no longer kept.
        index.Upsert(Record("later", 1, ("Alpha-Beta", AccessLevel.Public)));
        index.Upsert(Record("last", 1, ("alpha beta", AccessLevel.Public)));

        Assert.Equal(["first", "later", "last"], Found(index, "beta alpha", Everything));
        Assert.Equal(["first", "later", "last"], Found(index, "alpha beta", Member));
        Assert.Equal(["first", "alpha", "later", "last"], Found(index, "alpha", Everything));
    }

    private sealed record Spec((int Value, int Level)[][] Versions, int Query);

    private static readonly string[] Values =
        ["material-1", "Material 1", "material-12", "material 1 foil", "1 material", "foil", "12 foil", "copper foil", "銅箔", "Cu", "widget-1", "  "];

    private static readonly Gen<(int, int)> Value = Gen.Select(Gen.Int[0, Values.Length - 1], Gen.Int[0, 2]);

    private static readonly Gen<Spec[]> Passports =
        Gen.Select(Value.Array[0, 3].Array[1, 3], Gen.Int[0, Values.Length - 1]).Select((versions, query) => new Spec(versions, query)).Array[1, 12];

    [Fact]
    public void Query_AnyValuesVersionsAndReader_FindsWhatTheValueByValueReferenceFinds() =>
        Passports.Sample(specs =>
        {
            var index = new PassportIndex();
            // Interleaved: each passport's versions arrive in rounds, so phrases gain and lose passports in any order.
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < specs.Length; i++)
                {
                    if (round < specs[i].Versions.Length)
                    {
                        index.Upsert(Record($"p{i}", round + 1, [.. specs[i].Versions[round].Select(v => (Values[v.Value], (AccessLevel)v.Level))]));
                    }
                }
            }
            foreach (var query in specs.Select(s => Values[s.Query]).Append("material-1").Append("material 12"))
            {
                foreach (var reader in new[] { AccessLevel.Public, AccessLevel.Participant, AccessLevel.Owner })
                {
                    var wanted = MaterialTerms.Wanted(query);
                    string[] expected = [.. specs.Select((s, i) => (s.Versions[^1], Id: $"p{i}"))
                        .Where(p => p.Item1.Any(v => (AccessLevel)v.Level <= reader && MaterialTerms.Matches(MaterialTerms.Of(Values[v.Value]), wanted)))
                        .Select(p => p.Id)];
                    Assert.Equal(expected, Found(index, query, _ => reader));
                }
            }
        }, iter: 300, threads: 1, print: specs => JsonSerializer.Serialize(specs, PrintOptions));

    private static readonly JsonSerializerOptions PrintOptions = new() { IncludeFields = true };
}
