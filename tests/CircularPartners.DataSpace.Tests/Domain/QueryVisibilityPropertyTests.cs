using CircularPartners.DataSpace.Tests.Support;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using static CircularPartners.DataSpace.Tests.Domain.QueryVisibilityWorld;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// Issue 13 finding 1: a query is answered exactly as if everything the caller may not see did
/// not exist. For random passports, grants and queries, the connector's answer, page by page (ids,
/// versions, bodies, whether a next page exists, and the token itself), equals a naive reference
/// that first filters every body with <see cref="ReferenceAccessFilter"/> at the caller's level on
/// that passport and then matches the filters against what is left.
/// </summary>
public sealed class QueryVisibilityPropertyTests
{
    private static readonly string[] ClassNames = ["public", "participant", "legitimate-interest", "authority", "owner", "unknown"];

    private sealed record PassportSpec(int Owner, int UseCase, int? Category, int? Recycled, (int Place, int? Material, int? Cas)[] Slots, bool Withdrawn, bool Republished);

    private sealed record GrantSpec(int Provider, int[] Ids, int? Category, bool ProbeOnly, string[] Classes);

    private sealed record Scenario(PassportSpec[] Passports, int Caller, GrantSpec? Grant, PassportQuery Query);

    private static readonly Gen<(int, int?, int?)> Slot =
        Gen.Select(Gen.Int[0, Places.Length - 1], Gen.Int[0, MaterialValues.Length].Select(i => i == MaterialValues.Length ? (int?)null : i),
            Gen.Int[0, CasValues.Length].Select(i => i == CasValues.Length ? (int?)null : i));

    private static readonly Gen<PassportSpec> Passport =
        Gen.Select(Gen.Int[0, Owners.Length - 1], Gen.Int[0, 1], Maybe(Gen.Int[0, Categories.Length - 1]), Maybe(Gen.Int[0, 100]),
            Slot.Array[0, 8], Gen.Int[0, 5], Gen.Int[0, 4])
        .Select((owner, useCase, category, recycled, slots, withdrawn, republished) =>
            new PassportSpec(owner, useCase, category, recycled, slots, withdrawn == 0, republished == 0));

    private static readonly Gen<GrantSpec?> Grant =
        Gen.Select(Gen.Int[0, Owners.Length - 1], Gen.Int[0, 7].Array[0, 2], Maybe(Gen.Int[0, 1]), Gen.Bool, Gen.OneOf(ClassNames).Array[0, 3], Gen.Int[0, 2])
        .Select((provider, ids, category, probeOnly, classes, none) =>
            none == 0 ? null : new GrantSpec(provider, ids, category, probeOnly, classes));

    // Each filter is left out more often than not, so that queries match often enough to page.
    private static readonly Gen<PassportQuery> Query =
        Gen.Select(Few(Gen.OneOf("graphite", "COBALT", " nickel ", "zinc", "ＧＲＡＰＨＩＴＥ", "黒鉛", "flake powder", "powder flake", "powder")), Few(Gen.OneOf([.. CasValues, "0000-00-0"])),
            Gen.OneOf<string?>([.. Enumerable.Repeat<string?>(null, 12), "batteries", "/batteries/", "batteries/ev", "batteries/ev/pack", "textiles"]),
            Gen.OneOf<string?>([.. Enumerable.Repeat<string?>(null, 9), "probe", "plain", "cmp"]), Gen.Int[-12, Owners.Length],
            Rarely(Gen.Int[0, 100]), Rarely(Gen.Int[0, 100]), Gen.Int[0, 7])
        .Select((materials, cas, category, useCase, owner, min, max, statusAndSize) => new PassportQuery(materials, cas, category, useCase,
            owner < 0 ? null : owner == Owners.Length ? Outsider : Owners[owner], min, max,
            statusAndSize == 0 ? PassportStatus.Withdrawn : null, 1 + statusAndSize % 4));

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Passport.Array[1, 10], Gen.Int[0, Owners.Length], Grant, Query).Select((p, c, g, q) => new Scenario(p, c, g, q));

    [Fact]
    public void QueryAsync_AnyPassportsGrantsAndQuery_AnswersPageByPageAsTheFilterThenMatchReference() =>
        Scenarios.Sample(scenario => Check(scenario).GetAwaiter().GetResult(), iter: 500, threads: 1,
            print: scenario => JsonSerializer.Serialize(scenario, PrintOptions));

    private static readonly JsonSerializerOptions PrintOptions = new() { IncludeFields = true };

    private static async Task Check(Scenario scenario)
    {
        var key = new byte[32];
        var pageTokens = new PageTokens(() => key);
        var validator = new PassportValidator(Schemas, new PassportOptions());
        var store = new InMemoryPassportStore();
        var index = new PassportIndex(pageTokens, validator);
        // Who may publish is not this test's subject: passports are stored and indexed directly.
        var operations = new PassportOperations(store, index, validator, new FakeTimeProvider(),
            new PublishPolicy(new PublishSettings("nobody", []), new InMemoryDelegationStore(), new FakeTimeProvider()), new UnlimitedPublishing());
        var filter = new SchemaPassportFilter(Schemas);
        var reader = new SharedPassportReader(operations, filter);
        var ids = await PublishAsync(operations, store, index, validator, scenario.Passports);

        var callerId = scenario.Caller < Owners.Length ? Owners[scenario.Caller] : Outsider;
        var caller = new Caller(callerId, new HashSet<string>());
        var grant = new ReadGrant(caller, scenario.Grant is { } g ? AgreementOf(g, ids, callerId) : null);

        var expected = new List<PassportRecord>();
        await foreach (var record in store.ReadLatestAsync(default))
        {
            var visible = ReferenceView(record, callerId, grant.Agreement, filter);
            if (Matches(visible, scenario.Query))
            {
                expected.Add(visible);
            }
        }

        var pageSize = scenario.Query.PageSize;
        string? token = null;
        var page = 0;
        do
        {
            var answer = await reader.QueryAsync(grant, scenario.Query with { PageToken = token }, includeJson: true, default);
            var want = expected.Skip(page * pageSize).Take(pageSize).ToList();
            Assert.Equal(want.Select(r => (r.PassportId, r.Version, r.Json)), answer.Passports.Select(r => (r.PassportId, r.Version, r.Json)));
            var more = expected.Count > (page + 1) * pageSize;
            Assert.Equal(more ? pageTokens.Create(callerId, scenario.Query.Fingerprint(), want[^1].PassportId) : null, answer.NextPageToken);
            token = answer.NextPageToken;
            page++;
        }
        while (token is not null);
    }

    private static async Task<List<string>> PublishAsync(PassportOperations operations, InMemoryPassportStore store, PassportIndex index, PassportValidator validator,
        PassportSpec[] passports)
    {
        var ids = new List<string>();
        for (var i = 0; i < passports.Length; i++)
        {
            var spec = passports[i];
            var id = $"urn:uuid:00000000-0000-0000-0000-{i:D12}";
            var owner = new Caller(Owners[spec.Owner], new HashSet<string>());
            var schemaId = spec.UseCase == 0 ? "probe/1.0" : "plain/1.0";
            var category = spec.Category is { } c ? Categories[c] : null;
            if (spec.Republished)
            {
                // A first version with other values, replaced: the index must forget its facets.
                await StoreAsync(store, index, validator, owner, id, schemaId, Body(id, "textiles", 50, [(0, 0, 0), (1, 1, 1)]));
            }
            await StoreAsync(store, index, validator, owner, id, schemaId, Body(id, category, spec.Recycled, spec.Slots));
            if (spec.Withdrawn)
            {
                await operations.WithdrawAsync(owner, id, "test", null, default);
            }
            ids.Add(id);
        }
        return ids;
    }

    private static async Task StoreAsync(InMemoryPassportStore store, PassportIndex index, PassportValidator validator, Caller owner, string id, string schemaId, string body)
    {
        var validated = validator.Validate(schemaId, PassportBody.FromText(body));
        var version = new NewPassportVersion(id, owner.ParticipantId, schemaId, validated.ContentHash, DateTimeOffset.UnixEpoch, PassportStatus.Active,
            validated.Json, null, validated.Facets);
        index.Upsert(await store.AppendAsync(version, null, default));
    }

    private static Agreement AgreementOf(GrantSpec grant, List<string> ids, string consumer) => new(
        "agreement-1", "negotiation-1", Owners[grant.Provider], consumer, "http://127.0.0.1:1", "offer-1",
        new DatasetSelector([.. grant.Ids.Where(i => i < ids.Count).Select(i => ids[i])], grant.Category is { } c ? Categories[c] : null, grant.ProbeOnly ? "probe" : null),
        grant.Classes, "recycling", false, DateTimeOffset.UnixEpoch, null, false, null);

    /// <summary>The reference: the caller's level on the passport, then the body filtered at it.</summary>
    private static PassportRecord ReferenceView(PassportRecord record, string callerId, Agreement? agreement, SchemaPassportFilter filter)
    {
        if (record.Owner == callerId)
        {
            return record;
        }
        var level = AccessLevel.Participant;
        if (agreement is not null && agreement.Selector.Matches(record, agreement.Provider))
        {
            var granted = agreement.AccessClasses.Select(AccessLevels.Parse).Where(l => l != AccessLevel.Owner).DefaultIfEmpty(AccessLevel.Public).Max();
            level = granted > level ? granted : level;
        }
        var json = ReferenceAccessFilter.Filter(record.Json, filter.MapOf(record.SchemaId), AccessLevels.ClassesUpTo(level));
        return record with { Json = json };
    }

    /// <summary>Matching done the naive way, on the facets of the (already filtered) body.</summary>
    private static bool Matches(PassportRecord visible, PassportQuery query)
    {
        using var document = JsonDocument.Parse(visible.Json);
        var facets = FacetExtractor.Extract(document.RootElement, visible.Facets.UseCase, access: null);
        var category = query.Category?.Trim('/');
        var recycled = facets.RecycledContentPercent;
        return visible.Status == (query.Status ?? PassportStatus.Active)
            && (query.UseCase is null || query.UseCase == facets.UseCase)
            && (query.Owner is null || query.Owner == visible.Owner)
            && query.Materials.All(m => facets.Materials.Any(f => MaterialTerms.Matches(MaterialTerms.Of(f), MaterialTerms.Wanted(m))))
            && query.CasNumbers.All(c => facets.CasNumbers.Contains(c.Trim()))
            && (string.IsNullOrEmpty(category) || facets.Category == category || facets.Category.StartsWith(category + "/", StringComparison.Ordinal))
            && (query.RecycledContentMin is not { } min || recycled >= min)
            && (query.RecycledContentMax is not { } max || recycled <= max);
    }

    private static Gen<int?> Maybe(Gen<int> gen) => Gen.Select(Gen.Bool, gen).Select((some, value) => some ? value : (int?)null);

    private static Gen<int?> Rarely(Gen<int> gen) => Gen.Select(Gen.Int[0, 6], gen).Select((some, value) => some == 0 ? value : (int?)null);

    /// <summary>Usually no value, sometimes one, rarely two.</summary>
    private static Gen<string[]> Few(Gen<string> gen) =>
        Gen.Select(Gen.Int[0, 9], gen, gen).Select((n, one, two) => n < 6 ? [] : n < 9 ? [one] : new[] { one, two });
}
