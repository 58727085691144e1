using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Storage;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>Facet access levels survive the store, and versions stored before they existed never leak.</summary>
public sealed class PassportFacetsStorageTests
{
    [Fact]
    public void StoredRecord_WithLevels_RoundTrips()
    {
        var record = PassportStoreContract.Version("p").ToRecord(1, DateTimeOffset.UnixEpoch) with
        {
            Facets = new PassportFacets("battery", "batteries", ["graphite"], ["7782-42-5"], 9.8)
            {
                MaterialLevels = [AccessLevel.LegitimateInterest],
                CasLevels = [AccessLevel.Owner],
                CategoryLevel = AccessLevel.Public,
                RecycledContentLevel = AccessLevel.Participant,
            },
        };

        var facets = StoredRecordSerializer.Deserialize(StoredRecordSerializer.Serialize(record)).Facets;

        Assert.Equal([AccessLevel.LegitimateInterest], facets.MaterialLevels);
        Assert.Equal([AccessLevel.Owner], facets.CasLevels);
        Assert.Equal(AccessLevel.Public, facets.CategoryLevel);
        Assert.Equal(AccessLevel.Participant, facets.RecycledContentLevel);
    }

    [Fact]
    public void StoredRecord_FromBeforeLevels_ReadsWithoutLevels()
    {
        var record = PassportStoreContract.Version("p").ToRecord(1, DateTimeOffset.UnixEpoch) with
        {
            Facets = new PassportFacets("battery", "batteries", ["graphite"], ["7782-42-5"], 9.8),
        };
        var stored = JsonNode.Parse(StoredRecordSerializer.Serialize(record))!;
        foreach (var level in new[] { "materialLevels", "casLevels", "categoryLevel", "recycledContentLevel" })
        {
            Assert.True(stored["facets"]!.AsObject().Remove(level));
        }
        var old = stored.ToJsonString();

        var facets = StoredRecordSerializer.Deserialize(Encoding.UTF8.GetBytes(old)).Facets;

        Assert.Null(facets.CasLevels);
        Assert.Null(facets.CategoryLevel);
    }

    [Fact]
    public void Upsert_RecordFromBeforeLevels_GetsThemFromItsBody()
    {
        var schemas = SchemaRegistry.Load(RepositoryPaths.Schemas);
        var validator = new PassportValidator(schemas, new PassportOptions());
        var body = Passports.Request("battery").Json;
        var validated = validator.Validate("battery/1.0", PassportBody.FromText(body));
        var index = new PassportIndex(validator: validator);
        index.Upsert(PassportStoreContract.Version("p", json: validated.Json).ToRecord(1, DateTimeOffset.UnixEpoch) with
        {
            SchemaId = "battery/1.0",
            Facets = validated.Facets with { MaterialLevels = null, CasLevels = null, CategoryLevel = null, RecycledContentLevel = null },
        });

        Assert.Empty(index.Query(new PassportQuery([], ["7782-42-5"]), "member", _ => AccessLevel.Participant).Passports);
        Assert.Single(index.Query(new PassportQuery([], ["7782-42-5"]), "member", _ => AccessLevel.LegitimateInterest).Passports);
        Assert.Single(index.Query(new PassportQuery([], [], Category: "batteries"), "member", _ => AccessLevel.Public).Passports);
    }
}
