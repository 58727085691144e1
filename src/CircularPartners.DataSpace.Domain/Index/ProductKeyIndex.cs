using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// Passport ordinals by GS1 key, each passport at its own granularity: an item-level passport
/// under GTIN + serial, a batch-level one under GTIN + lot, a model-level one under its GTIN. Most
/// keys belong to one passport (every serial is its own), so a key holds a bare ordinal until a
/// second passport shares it; the index stays small with one key per item-level passport.
/// Not thread-safe: <see cref="PassportIndex"/> calls it under its lock.
/// </summary>
internal sealed class ProductKeyIndex
{
    private readonly Dictionary<string, int> _single = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _shared = new(StringComparer.Ordinal);

    /// <summary>The key a passport is found under, or null when it has no public GTIN.</summary>
    public static string? KeyOf(ProductKeys? keys) =>
        keys?.Gtin14 is not { } gtin ? null
        : keys.Serial is { } serial ? ItemKey(gtin, serial)
        : keys.Lot is { } lot ? BatchKey(gtin, lot)
        : gtin;

    /// <summary>
    /// The keys to try for a request, most specific first: an item's serial, then its batch, then
    /// the model, as GS1 resolvers walk up when a finer key has no entry. A lot given with a
    /// serial is not compared: GTIN and serial identify an item on their own.
    /// </summary>
    public static IEnumerable<string> Candidates(DigitalLinkPath path)
    {
        if (path.Serial is { } serial)
        {
            yield return ItemKey(path.Gtin14, serial);
        }
        if (path.Lot is { } lot)
        {
            yield return BatchKey(path.Gtin14, lot);
        }
        yield return path.Gtin14;
    }

    public void Add(string key, int ordinal)
    {
        if (_shared.TryGetValue(key, out var list))
        {
            list.Add(ordinal);
        }
        else if (_single.Remove(key, out var first))
        {
            list = new PostingList();
            list.Add(first);
            list.Add(ordinal);
            _shared[key] = list;
        }
        else
        {
            _single[key] = ordinal;
        }
    }

    public void Remove(string key, int ordinal)
    {
        if (_single.TryGetValue(key, out var only))
        {
            if (only == ordinal)
            {
                _single.Remove(key);
            }
        }
        else if (_shared.TryGetValue(key, out var list))
        {
            list.Remove(ordinal);
        }
    }

    /// <summary>The ordinals under <paramref name="key"/>, ascending (first published first).</summary>
    public IEnumerable<int> Find(string key) =>
        _single.TryGetValue(key, out var only) ? [only]
        : _shared.TryGetValue(key, out var list) ? list.After(-1)
        : [];

    // The separators cannot occur in a GTIN, and a lot or serial is compared whole.
    private static string ItemKey(string gtin, string serial) => gtin + "/21/" + serial;

    private static string BatchKey(string gtin, string lot) => gtin + "/10/" + lot;
}
