using System.Text.Json;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The in-memory query index over the latest version of every passport, rebuilt from the store
/// at start-up. Each passport gets an ordinal on first sight; posting lists of ordinals per facet
/// value are intersected, smallest first.
/// </summary>
/// <remarks>
/// A query is answered as if everything the caller may not see did not exist: a passport matches
/// only on facet values at or below the caller's level on it, and the page token names the last
/// passport shown, so neither the matches, nor their order, nor the token, nor whether there is a
/// next page depends on hidden data.
/// </remarks>
/// <param name="pageTokens">Signs and checks page tokens; a key of its own when not given.</param>
/// <param name="validator">Recomputes the access levels of versions stored before facets had them; without it they count as the owner's.</param>
public sealed partial class PassportIndex(PageTokens? pageTokens = null, PassportValidator? validator = null)
{
    private readonly PageTokens _pageTokens = pageTokens ?? PageTokens.WithRandomKey();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _ordinalById = new(StringComparer.Ordinal);
    private readonly List<PassportRecord> _latest = [];
    // Per ordinal, the highest level among its facets: a reader at or above it needs no check per value.
    private readonly List<AccessLevel> _ceilings = [];
    private readonly FacetLevels.Patterns _levelPatterns = new();
    // By material term (MaterialTerms) and by whole value; made on first use, as it shares the string pool.
    private MaterialPostings? _materials;
    private readonly Dictionary<string, PostingList> _byCas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byUseCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byOwner = new(StringComparer.Ordinal);
    private readonly ProductKeyIndex _byProductKey = new();
    // Per ordinal, the key it is found under by the Digital Link resolver (the same string instance).
    private readonly List<string?> _productKeys = [];
    // Facet values repeat across passports; sharing one string instance per value keeps memory low.
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _latest.Count;
            }
        }
    }

    /// <summary>The latest version of every passport indexed, without bodies (a copy: later upserts do not change it).</summary>
    public IReadOnlyList<PassportRecord> Latest()
    {
        lock (_gate)
        {
            return [.. _latest];
        }
    }

    /// <summary>Records a version; older versions than the one indexed are ignored.</summary>
    public void Upsert(PassportRecord record)
    {
        var full = WithLevels(record);
        var productKey = ProductKeyIndex.KeyOf(full.Facets.ProductKeys);
        var slim = Slim(full);
        lock (_gate)
        {
            if (_ordinalById.TryGetValue(record.PassportId, out var ordinal))
            {
                var previous = _latest[ordinal];
                if (previous.Version >= record.Version)
                {
                    return;
                }
                Unlink(previous, ordinal);
                if (_productKeys[ordinal] is { } previousKey)
                {
                    _byProductKey.Remove(previousKey, ordinal);
                }
                _latest[ordinal] = slim;
                _ceilings[ordinal] = FacetLevels.Ceiling(slim.Facets);
            }
            else
            {
                ordinal = _latest.Count;
                _ordinalById[slim.PassportId] = ordinal;
                _latest.Add(slim);
                _ceilings.Add(FacetLevels.Ceiling(slim.Facets));
                _productKeys.Add(null);
            }
            Link(slim, ordinal);
            _productKeys[ordinal] = productKey;
            if (productKey is not null)
            {
                _byProductKey.Add(productKey, ordinal);
            }
        }
    }

    /// <summary>
    /// One page of the passports matching <paramref name="query"/> in what <paramref name="callerId"/>
    /// may see: <paramref name="levelFor"/> gives its access level on each passport (the owner's
    /// level on its own). Use case, owner and status are envelope data, visible to every reader.
    /// </summary>
    public PassportPage Query(PassportQuery query, string callerId, Func<PassportRecord, AccessLevel> levelFor)
    {
        var fingerprint = query.Fingerprint();
        var afterId = _pageTokens.Read(query.PageToken, callerId, fingerprint);
        var pageSize = query.PageSize <= 0 ? 50 : Math.Min(query.PageSize, PassportQuery.MaxPageSize);
        var status = query.Status ?? PassportStatus.Active;
        var wanted = Wanted.Of(query);
        var results = new List<PassportRecord>(pageSize);
        lock (_gate)
        {
            var after = -1;
            if (afterId is not null && !_ordinalById.TryGetValue(afterId, out after))
            {
                throw PageTokens.Invalid();
            }
            if (!TryCollectLists(wanted, out var lists, out var materials))
            {
                return new PassportPage([], null);
            }
            var checkValues = Array.Exists(materials, static m => m.CheckValues);
            lists.Sort(static (a, b) => a.Count.CompareTo(b.Count));
            var candidates = lists.Count > 0 ? lists[0].After(after) : Enumerable.Range(after + 1, Math.Max(0, _latest.Count - after - 1));
            foreach (var ordinal in candidates)
            {
                var record = _latest[ordinal];
                if (record.Status != status || !InAll(lists, ordinal))
                {
                    continue;
                }
                var level = levelFor(record);
                if (((level < _ceilings[ordinal] || checkValues) && !wanted.Sees(record.Facets, level, materials))
                    || !InRange(record.Facets, query, level))
                {
                    continue;
                }
                if (results.Count == pageSize)
                {
                    return new PassportPage(results, _pageTokens.Create(callerId, fingerprint, results[^1].PassportId));
                }
                results.Add(record);
            }
        }
        return new PassportPage(results, null);
    }

    private bool TryCollectLists(Wanted wanted, out List<PostingList> lists, out MaterialMatch[] materials)
    {
        lists = [];
        materials = new MaterialMatch[wanted.MaterialTerms.Length];
        for (var i = 0; i < materials.Length; i++)
        {
            var terms = wanted.MaterialTerms[i];
            // One list per material: its phrase's, or its shortest term's with a check of the candidates' values.
            if (Materials.Find(terms) is not { } match)
            {
                return false;
            }
            materials[i] = match;
            lists.Add(match.Candidates);
        }
        foreach (var cas in wanted.CasNumbers)
        {
            if (!Add(_byCas, cas, lists))
            {
                return false;
            }
        }
        return Add(_byCategory, wanted.Category, lists)
            && Add(_byUseCase, wanted.UseCase, lists)
            && Add(_byOwner, wanted.Owner, lists);

        static bool Add(Dictionary<string, PostingList> index, string? key, List<PostingList> lists)
        {
            if (string.IsNullOrEmpty(key))
            {
                return true;
            }
            if (!index.TryGetValue(key, out var list))
            {
                return false;
            }
            lists.Add(list);
            return true;
        }
    }

    private static bool InAll(List<PostingList> lists, int ordinal)
    {
        for (var i = 1; i < lists.Count; i++)
        {
            if (!lists[i].Contains(ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A recycled-content bound needs a value the reader sees: a hidden one is as good as none.</summary>
    private static bool InRange(PassportFacets facets, PassportQuery query, AccessLevel level)
    {
        if (query.RecycledContentMin is null && query.RecycledContentMax is null)
        {
            return true;
        }
        var value = (facets.RecycledContentLevel ?? AccessLevel.Owner) <= level ? facets.RecycledContentPercent : null;
        return (query.RecycledContentMin is not { } min || value >= min) && (query.RecycledContentMax is not { } max || value <= max);
    }

    private MaterialPostings Materials => _materials ??= new MaterialPostings(Intern);

    private void Link(PassportRecord record, int ordinal)
    {
        foreach (var material in record.Facets.Materials)
        {
            Materials.Add(material, ordinal);
        }
        foreach (var (index, key) in Keys(record))
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = new PostingList();
            }
            list.Add(ordinal);
        }
    }

    private void Unlink(PassportRecord record, int ordinal)
    {
        foreach (var material in record.Facets.Materials)
        {
            Materials.Remove(material, ordinal);
        }
        foreach (var (index, key) in Keys(record))
        {
            index[key].Remove(ordinal);
        }
    }

    private IEnumerable<(Dictionary<string, PostingList> Index, string Key)> Keys(PassportRecord record)
    {
        foreach (var cas in record.Facets.CasNumbers)
        {
            yield return (_byCas, cas);
        }
        // A category matches its ancestors' queries too: batteries/ev-batteries is under batteries.
        var category = record.Facets.Category;
        for (var slash = category.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = category.IndexOf('/', slash + 1))
        {
            yield return (_byCategory, category[..slash]);
        }
        if (category.Length > 0)
        {
            yield return (_byCategory, category);
        }
        yield return (_byUseCase, record.Facets.UseCase);
        yield return (_byOwner, record.Owner);
    }

    /// <summary>A version stored before facets carried access levels (or product keys) gets them from its body, when it has one.</summary>
    private PassportRecord WithLevels(PassportRecord record)
    {
        if ((record.Facets.HasLevels && record.Facets.ProductKeys is not null) || validator is null || record.Json.Length == 0)
        {
            return record;
        }
        try
        {
            return record with { Facets = validator.FacetsOf(record.SchemaId, record.Facets.UseCase, record.Json) };
        }
        catch (JsonException)
        {
            return record; // unreadable: every facet stays the owner's
        }
    }

    /// <summary>The index keeps envelopes only; bodies stay in the store.</summary>
    private PassportRecord Slim(PassportRecord record)
    {
        lock (_gate)
        {
            var facets = record.Facets with
            {
                UseCase = Intern(record.Facets.UseCase),
                Category = Intern(record.Facets.Category),
                Stage = record.Facets.Stage is { } stage ? Intern(stage) : null,
                Materials = [.. record.Facets.Materials.Select(Intern)],
                CasNumbers = [.. record.Facets.CasNumbers.Select(Intern)],
                MaterialLevels = _levelPatterns.Share(record.Facets.MaterialLevels),
                CasLevels = _levelPatterns.Share(record.Facets.CasLevels),
                ProductKeys = null, // kept as the key in the product-key index only
            };
            return record with { Json = "", Owner = Intern(record.Owner), SchemaId = Intern(record.SchemaId), Facets = facets };
        }
    }

    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        _strings.Add(value);
        return value;
    }
}
