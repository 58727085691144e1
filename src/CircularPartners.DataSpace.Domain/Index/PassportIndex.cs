using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The in-memory query index over the latest version of every passport, rebuilt from the store
/// at start-up. Each passport gets an ordinal on first sight; posting lists of ordinals per facet
/// value are intersected, smallest first.
/// </summary>
public sealed class PassportIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _ordinalById = new(StringComparer.Ordinal);
    private readonly List<PassportRecord> _latest = [];
    private readonly Dictionary<string, PostingList> _byMaterial = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byCas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byUseCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _byOwner = new(StringComparer.Ordinal);
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

    /// <summary>Records a version; older versions than the one indexed are ignored.</summary>
    public void Upsert(PassportRecord record)
    {
        var slim = Slim(record);
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
                _latest[ordinal] = slim;
            }
            else
            {
                ordinal = _latest.Count;
                _ordinalById[slim.PassportId] = ordinal;
                _latest.Add(slim);
            }
            Link(slim, ordinal);
        }
    }

    public PassportPage Query(PassportQuery query)
    {
        var fingerprint = query.Fingerprint();
        var after = PageToken.Read(query.PageToken, fingerprint);
        var pageSize = query.PageSize <= 0 ? 50 : Math.Min(query.PageSize, PassportQuery.MaxPageSize);
        var status = query.Status ?? PassportStatus.Active;
        var results = new List<PassportRecord>(pageSize);
        lock (_gate)
        {
            if (!TryCollectLists(query, out var lists))
            {
                return new PassportPage([], null);
            }
            lists.Sort(static (a, b) => a.Count.CompareTo(b.Count));
            var candidates = lists.Count > 0 ? lists[0].After(after) : Enumerable.Range(after + 1, Math.Max(0, _latest.Count - after - 1));
            var last = after;
            foreach (var ordinal in candidates)
            {
                var record = _latest[ordinal];
                if (record.Status != status || !InRange(record.Facets.RecycledContentPercent, query) || !InAll(lists, ordinal))
                {
                    continue;
                }
                if (results.Count == pageSize)
                {
                    return new PassportPage(results, PageToken.Create(last, fingerprint));
                }
                results.Add(record);
                last = ordinal;
            }
        }
        return new PassportPage(results, null);
    }

    private bool TryCollectLists(PassportQuery query, out List<PostingList> lists)
    {
        lists = [];
        foreach (var material in query.Materials)
        {
            if (!Add(_byMaterial, FacetExtractor.NormalizeMaterial(material), lists))
            {
                return false;
            }
        }
        foreach (var cas in query.CasNumbers)
        {
            if (!Add(_byCas, cas.Trim(), lists))
            {
                return false;
            }
        }
        return Add(_byCategory, query.Category?.Trim('/'), lists)
            && Add(_byUseCase, query.UseCase, lists)
            && Add(_byOwner, query.Owner, lists);

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

    private static bool InRange(double? value, PassportQuery query) =>
        (query.RecycledContentMin is not { } min || value >= min) && (query.RecycledContentMax is not { } max || value <= max);

    private void Link(PassportRecord record, int ordinal)
    {
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
        foreach (var (index, key) in Keys(record))
        {
            index[key].Remove(ordinal);
        }
    }

    private IEnumerable<(Dictionary<string, PostingList> Index, string Key)> Keys(PassportRecord record)
    {
        foreach (var material in record.Facets.Materials)
        {
            yield return (_byMaterial, material);
        }
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

    /// <summary>The index keeps envelopes only; bodies stay in the store.</summary>
    private PassportRecord Slim(PassportRecord record)
    {
        lock (_gate)
        {
            var facets = record.Facets with
            {
                UseCase = Intern(record.Facets.UseCase),
                Category = Intern(record.Facets.Category),
                Materials = [.. record.Facets.Materials.Select(Intern)],
                CasNumbers = [.. record.Facets.CasNumbers.Select(Intern)],
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
