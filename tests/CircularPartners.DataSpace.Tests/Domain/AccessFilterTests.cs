using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>The single-pass access filter against the first implementation, kept as the oracle.</summary>
public sealed class AccessFilterTests
{
    private static readonly SchemaRegistry Schemas = SchemaRegistry.Load(RepositoryPaths.Schemas);
    private static readonly SchemaPassportFilter Filters = new(Schemas);

    private static readonly string[][] GrantSets =
    [
        [],
        ["public"],
        ["public", "participant"],
        ["public", "legitimate-interest"],
        ["public", "authority"],
        ["public", "participant", "legitimate-interest", "authority"],
    ];

    public static TheoryData<string> UseCases() => [.. Passports.UseCases];

    [Theory]
    [MemberData(nameof(UseCases))]
    public void Filter_EveryExampleAndGrantSet_MatchesTheReference(string useCase)
    {
        var map = Filters.MapOf(useCase + "/1.0");
        using var canonical = CanonicalJson.Canonicalize(RepositoryPaths.Example(useCase), 64);

        foreach (var grants in GrantSets)
        {
            var granted = grants.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(ReferenceAccessFilter.Filter(canonical.Json, map, granted), AccessFilter.Filter(canonical.Json, map, granted));
        }
    }

    [Fact]
    public void Filter_EmptyAndUngrantedContainers_MatchesTheReference()
    {
        // Edge shapes: empty arrays and objects, arrays whose items are all ungranted, primitives in object arrays.
        var body = JsonNode.Parse(RepositoryPaths.Example("cmp"))!.AsObject();
        var article = body["cmp"]!["article"]!.AsObject();
        article["parts"]!.AsArray().Add(new JsonObject());
        article["parts"]!.AsArray().Add(JsonValue.Create("not-an-object"));
        article["declarableSubstanceLists"] = new JsonArray();
        body["economicOperator"]!["address"] = new JsonObject();
        body["undescribed"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        using var canonical = CanonicalJson.Canonicalize(body.ToJsonString(), 64);
        var map = Filters.MapOf("cmp/1.0");

        foreach (var grants in GrantSets)
        {
            var granted = grants.ToHashSet(StringComparer.Ordinal);
            Assert.Equal(ReferenceAccessFilter.Filter(canonical.Json, map, granted), AccessFilter.Filter(canonical.Json, map, granted));
        }
    }

    [Fact]
    public void Filter_NothingGranted_IsAnEmptyObject()
    {
        using var canonical = CanonicalJson.Canonicalize(RepositoryPaths.Example("battery"), 64);

        Assert.Equal("{}", AccessFilter.Filter(canonical.Json, Filters.MapOf("battery/1.0"), new HashSet<string>(StringComparer.Ordinal)));
    }
}
