namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The terms of one whole material value, shared by every value written with the same terms
/// ("Material-123", "material 123"), and the passports with such a value while a query can be
/// led to them (<see cref="MaterialPostings"/>).
/// </summary>
internal sealed class MaterialPhrase(string[] terms)
{
    /// <summary>Sorted, as <see cref="MaterialTerms.Of"/> gives them.</summary>
    public string[] Terms { get; } = terms;

    /// <summary>The passports with a value of these terms, kept while a term leads to this phrase alone.</summary>
    public PostingList? Passports { get; set; }

    /// <summary>How many terms have this phrase as their only one.</summary>
    public int SoleTerms { get; set; }

    /// <summary>The first value written with these terms; most phrases have no other.</summary>
    public string? Spelling { get; private set; }

    /// <summary>Other values written with these terms ("Material 123" beside "material-123"), if any.</summary>
    public string[]? OtherSpellings { get; private set; }

    /// <summary>Records a value written with these terms.</summary>
    public void Add(string value)
    {
        if (Spelling is null)
        {
            Spelling = value;
            return;
        }
        OtherSpellings = [.. OtherSpellings ?? [], value];
    }

    /// <summary>Whether <paramref name="value"/> is written with these terms (runs per candidate: one compare for most phrases).</summary>
    public bool Has(string value) =>
        string.Equals(value, Spelling, StringComparison.Ordinal) || (OtherSpellings is { } others && Array.IndexOf(others, value) >= 0);
}
