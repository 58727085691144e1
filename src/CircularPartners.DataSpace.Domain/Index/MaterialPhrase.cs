namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The terms of one whole material value, shared by every value written with the same terms
/// ("Material-123", "material 123"), and the passports with such a value while a query can be
/// led to them (<see cref="MaterialPostings"/>).
/// </summary>
internal sealed class MaterialPhrase(string[] terms)
{
    private string? _value;
    private string[]? _otherValues;

    /// <summary>Sorted, as <see cref="MaterialTerms.Of"/> gives them.</summary>
    public string[] Terms { get; } = terms;

    /// <summary>The passports with a value of these terms, kept while a term leads to this phrase alone.</summary>
    public PostingList? Passports { get; set; }

    /// <summary>How many terms have this phrase as their only one.</summary>
    public int SoleTerms { get; set; }

    /// <summary>Records a value written with these terms.</summary>
    public void Add(string value)
    {
        if (_value is null)
        {
            _value = value;
            return;
        }
        _otherValues = [.. _otherValues ?? [], value];
    }

    /// <summary>Whether <paramref name="value"/> is written with these terms: one compare for most phrases, which have one spelling.</summary>
    public bool Has(string value)
    {
        if (string.Equals(value, _value, StringComparison.Ordinal))
        {
            return true;
        }
        foreach (var other in _otherValues ?? [])
        {
            if (string.Equals(value, other, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
