using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Tests.Storage;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class PassportIndexTests
{
    private const string Caller = "9010001000009";
    private static readonly Func<PassportRecord, AccessLevel> Everything = _ => AccessLevel.Owner;
    private static readonly Func<PassportRecord, AccessLevel> Member = _ => AccessLevel.Participant;

    private static PassportRecord Record(string id, long version, string[] cas, string owner = "o1", AccessLevel casLevel = AccessLevel.Public) =>
        PassportStoreContract.Version(id, owner).ToRecord(version, DateTimeOffset.UnixEpoch) with
        {
            Facets = new PassportFacets("cmp", "plastics/pet-bottles", ["pet"], cas, 50)
            {
                MaterialLevels = [AccessLevel.Public],
                CasLevels = [.. cas.Select(_ => casLevel)],
                CategoryLevel = AccessLevel.Public,
                RecycledContentLevel = AccessLevel.Public,
            },
        };

    [Fact]
    public void Upsert_NewerVersionWithOtherFacets_ReplacesTheOldOnes()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 1, ["80-05-7"]));
        index.Upsert(Record("p", 2, ["117-81-7"]));

        Assert.Empty(index.Query(new PassportQuery([], ["80-05-7"]), Caller, Everything).Passports);
        Assert.Single(index.Query(new PassportQuery([], ["117-81-7"]), Caller, Everything).Passports);
    }

    [Fact]
    public void Upsert_OlderVersionArrivingLate_IsIgnored()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 2, ["117-81-7"]));
        index.Upsert(Record("p", 1, ["80-05-7"]));

        Assert.Equal(2, Assert.Single(index.Query(new PassportQuery([], []), Caller, Everything).Passports).Version);
    }

    [Fact]
    public void Query_Pages_CoverEveryMatchExactlyOnce()
    {
        var index = new PassportIndex();
        for (var i = 0; i < 1000; i++)
        {
            index.Upsert(Record($"p{i}", 1, i % 3 == 0 ? ["80-05-7"] : ["7440-50-8"]));
        }
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = index.Query(new PassportQuery([], ["80-05-7"], Category: "plastics", PageSize: 37, PageToken: token), Caller, Everything);
            seen.AddRange(page.Passports.Select(p => p.PassportId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(334, seen.Count);
        Assert.Equal(334, seen.Distinct().Count());
    }

    [Fact]
    public void Query_KeepsNoBodies()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 1, []) with { Json = "{\"large\":true}" });
        Assert.Equal("", Assert.Single(index.Query(new PassportQuery([], []), Caller, Everything).Passports).Json);
    }

    [Fact]
    public void Query_ValueAboveTheCallersLevel_IsNeitherMatchedNorPaged()
    {
        var index = new PassportIndex();
        index.Upsert(Record("hidden", 1, ["7782-42-5"], casLevel: AccessLevel.LegitimateInterest));
        index.Upsert(Record("open", 1, ["7440-50-8"]));

        var page = index.Query(new PassportQuery([], ["7782-42-5"], PageSize: 1), Caller, Member);

        Assert.Empty(page.Passports);
        Assert.Null(page.NextPageToken);
        Assert.Single(index.Query(new PassportQuery([], ["7782-42-5"]), Caller, _ => AccessLevel.LegitimateInterest).Passports);
    }

    [Fact]
    public void Query_HiddenMatchBetweenVisibleOnes_LeavesTheSameTokensAsIfItDidNotExist()
    {
        var key = new byte[32];
        var withHidden = new PassportIndex(new PageTokens(() => key));
        var without = new PassportIndex(new PageTokens(() => key));
        foreach (var (id, level) in new[] { ("a", AccessLevel.Public), ("h", AccessLevel.Owner), ("b", AccessLevel.Public), ("c", AccessLevel.Public) })
        {
            withHidden.Upsert(Record(id, 1, ["80-05-7"], casLevel: level));
            without.Upsert(Record(id, 1, level == AccessLevel.Owner ? [] : ["80-05-7"]));
        }
        var query = new PassportQuery([], ["80-05-7"], PageSize: 1);

        var first = withHidden.Query(query, Caller, Member);
        Assert.Equal(without.Query(query, Caller, Member).NextPageToken, first.NextPageToken);
        var second = withHidden.Query(query with { PageToken = first.NextPageToken }, Caller, Member);
        Assert.Equal("b", Assert.Single(second.Passports).PassportId);
        Assert.Equal(without.Query(query with { PageToken = first.NextPageToken }, Caller, Member).NextPageToken, second.NextPageToken);
    }

    [Fact]
    public void Query_TokenOfAnotherCallerOrTampered_IsRefusedWithTheSameText()
    {
        var index = new PassportIndex();
        index.Upsert(Record("a", 1, []));
        index.Upsert(Record("b", 1, []));
        var token = index.Query(new PassportQuery([], [], PageSize: 1), Caller, Member).NextPageToken!;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var foreign = Assert.Throws<PassportValidationException>(() => index.Query(new PassportQuery([], [], PageSize: 1, PageToken: token), "1010001000001", Member));
        var altered = Assert.Throws<PassportValidationException>(() => index.Query(new PassportQuery([], [], PageSize: 1, PageToken: tampered), Caller, Member));
        var garbage = Assert.Throws<PassportValidationException>(() => index.Query(new PassportQuery([], [], PageSize: 1, PageToken: "garbage!"), Caller, Member));

        Assert.Equal(PageTokens.InvalidMessage, foreign.Message);
        Assert.Equal(foreign.Message, altered.Message);
        Assert.Equal(foreign.Message, garbage.Message);
    }

    [Fact]
    public void Query_RecordStoredWithoutLevels_IsFoundOnlyByItsOwnersLevel()
    {
        var index = new PassportIndex();
        index.Upsert(Record("old", 1, ["7782-42-5"]) with { Facets = new PassportFacets("cmp", "plastics", ["pet"], ["7782-42-5"], 50) });

        Assert.Empty(index.Query(new PassportQuery([], ["7782-42-5"]), Caller, _ => AccessLevel.Authority).Passports);
        Assert.Empty(index.Query(new PassportQuery([], [], Category: "plastics"), Caller, _ => AccessLevel.Authority).Passports);
        Assert.Empty(index.Query(new PassportQuery([], [], RecycledContentMin: 0), Caller, _ => AccessLevel.Authority).Passports);
        Assert.Single(index.Query(new PassportQuery([], []), Caller, _ => AccessLevel.Public).Passports);
        Assert.Single(index.Query(new PassportQuery([], ["7782-42-5"]), Caller, Everything).Passports);
    }
}
