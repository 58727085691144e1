using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// What a material name is found by. A name is normalised (the width forms of NFKC, so
/// full-width and half-width forms are one; hiragana as katakana; lower case), cut into words, and the materials of
/// <see cref="MaterialSynonyms"/> it names are recognised: "Copper foil", "銅箔" and "Cu" all
/// name copper. A passport's material is indexed under the materials (and IEC 62474 classes) it
/// names and its remaining words; a query asks for the materials it names, or, naming none, for
/// all its words. So <c>copper</c>, <c>Copper foil</c> and <c>銅</c> find one another, and
/// <c>foil</c> finds every foil.
/// </summary>
internal static class MaterialTerms
{
    private const string ConceptPrefix = "#";
    private static readonly Dictionary<string, List<(string[] Tokens, MaterialSynonyms.Concept Concept)>> ByFirstToken = [];
    private static readonly List<(string Name, MaterialSynonyms.Concept Concept)> CjkNames = [];

    static MaterialTerms()
    {
        foreach (var concept in MaterialSynonyms.Concepts)
        {
            foreach (var name in concept.Names)
            {
                var normalized = Normalize(name);
                if (normalized.All(c => IsCjk(c)))
                {
                    CjkNames.Add((normalized, concept));
                    continue;
                }
                var tokens = Tokens(normalized).ToArray();
                if (!ByFirstToken.TryGetValue(tokens[0], out var names))
                {
                    ByFirstToken[tokens[0]] = names = [];
                }
                names.Add((tokens, concept));
            }
        }
        // Longest first: 黄銅 (brass) before 銅 (copper), "stainless steel" before "stainless".
        CjkNames.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length));
        foreach (var names in ByFirstToken.Values)
        {
            names.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        }
    }

    /// <summary>The index terms of a passport's material: the materials and classes it names, and its other words.</summary>
    public static string[] Of(string material)
    {
        var (concepts, words) = Read(material);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var concept in concepts)
        {
            terms.Add(ConceptPrefix + concept.Id);
            if (concept.Class is { } materialClass)
            {
                terms.Add(ConceptPrefix + materialClass);
            }
        }
        terms.UnionWith(words);
        return [.. terms.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The terms a material of a passport must all have for a query value to match it: the
    /// materials the value names, or all its words when it names none. Empty: matches nothing.
    /// </summary>
    public static string[] Wanted(string query)
    {
        var (concepts, words) = Read(query);
        return concepts.Count > 0
            ? [.. concepts.Select(c => ConceptPrefix + c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [.. words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether a passport material with <paramref name="terms"/> (sorted) matches a query's <paramref name="wanted"/> terms.</summary>
    public static bool Matches(string[] terms, string[] wanted)
    {
        // Runs per candidate in the query loop: no LINQ, nothing allocated.
        foreach (var term in wanted)
        {
            if (Array.BinarySearch(terms, term, StringComparer.Ordinal) < 0)
            {
                return false;
            }
        }
        return wanted.Length > 0;
    }

    /// <summary>Width forms folded (<see cref="WidthFolding"/>: full-width, half-width, hiragana as katakana), lower case.</summary>
    public static string Normalize(string text) => WidthFolding.Fold(text).ToLowerInvariant();

    private static (List<MaterialSynonyms.Concept> Concepts, List<string> Words) Read(string text)
    {
        var concepts = new List<MaterialSynonyms.Concept>();
        var tokens = new List<string>();
        foreach (var token in Tokens(Normalize(text)))
        {
            if (IsCjk(token[0]))
            {
                SegmentCjk(token, concepts, tokens);
            }
            else
            {
                tokens.Add(token);
            }
        }
        var words = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = LongestName(tokens, i);
            if (matched is { } name && !(i + name.Tokens.Length < tokens.Count && tokens[i + name.Tokens.Length] == "free"))
            {
                concepts.Add(name.Concept);
                i += name.Tokens.Length;
                continue;
            }
            words.Add(tokens[i]);
            i++;
        }
        return (concepts, words);
    }

    private static (string[] Tokens, MaterialSynonyms.Concept Concept)? LongestName(List<string> tokens, int at)
    {
        if (!ByFirstToken.TryGetValue(tokens[at], out var names))
        {
            return null;
        }
        foreach (var name in names)
        {
            if (at + name.Tokens.Length <= tokens.Count && name.Tokens.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(tokens).Slice(at, name.Tokens.Length)))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>Japanese has no spaces: names are found inside a run, longest first, left to right; the rest are words.</summary>
    private static void SegmentCjk(string run, List<MaterialSynonyms.Concept> concepts, List<string> words)
    {
        var rest = new StringBuilder();
        for (var i = 0; i < run.Length;)
        {
            var found = CjkNames.FirstOrDefault(n => string.CompareOrdinal(run, i, n.Name, 0, n.Name.Length) == 0);
            var negated = found.Name is not null
                && ((i > 0 && run[i - 1] is '無' or '非') || string.CompareOrdinal(run, i + found.Name.Length, "フリー", 0, 3) == 0);
            if (found.Name is null || negated)
            {
                rest.Append(run[i]);
                i++;
                continue;
            }
            Flush(rest, words);
            concepts.Add(found.Concept);
            i += found.Name.Length;
        }
        Flush(rest, words);
    }

    private static void Flush(StringBuilder rest, List<string> words)
    {
        if (rest.Length > 0)
        {
            words.Add(rest.ToString());
            rest.Clear();
        }
    }

    /// <summary>Runs of Latin letters, of digits, and of Japanese characters; everything else separates.</summary>
    private static IEnumerable<string> Tokens(string normalized)
    {
        var start = -1;
        var kind = 0;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var k = i < normalized.Length ? Kind(normalized[i]) : 0;
            if (k != kind)
            {
                if (kind != 0)
                {
                    yield return normalized[start..i];
                }
                start = i;
                kind = k;
            }
        }
    }

    private static int Kind(char c) =>
        IsCjk(c) ? 3
        : char.IsDigit(c) ? 2
        : char.IsLetter(c) ? 1
        : 0;

    private static bool IsCjk(char c) =>
        c >= '\u2e80' && (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.ModifierLetter);
}
