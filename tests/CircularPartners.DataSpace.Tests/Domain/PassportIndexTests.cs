using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Tests.Storage;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class PassportIndexTests
{
    private static PassportRecord Record(string id, long version, string[] cas, string owner = "o1") =>
        PassportStoreContract.Version(id, owner).ToRecord(version, DateTimeOffset.UnixEpoch) with
        {
            Facets = new PassportFacets("cmp", "plastics/pet-bottles", ["pet"], cas, 50),
        };

    [Fact]
    public void Upsert_NewerVersionWithOtherFacets_ReplacesTheOldOnes()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 1, ["80-05-7"]));
        index.Upsert(Record("p", 2, ["117-81-7"]));

        Assert.Empty(index.Query(new PassportQuery([], ["80-05-7"])).Passports);
        Assert.Single(index.Query(new PassportQuery([], ["117-81-7"])).Passports);
    }

    [Fact]
    public void Upsert_OlderVersionArrivingLate_IsIgnored()
    {
        var index = new PassportIndex();
        index.Upsert(Record("p", 2, ["117-81-7"]));
        index.Upsert(Record("p", 1, ["80-05-7"]));

        Assert.Equal(2, Assert.Single(index.Query(new PassportQuery([], [])).Passports).Version);
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
            var page = index.Query(new PassportQuery([], ["80-05-7"], Category: "plastics", PageSize: 37, PageToken: token));
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
        Assert.Equal("", Assert.Single(index.Query(new PassportQuery([], [])).Passports).Json);
    }
}
