namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// One material of a query as the index answers it: the passports to look at, and how one of
/// their values is checked (for a reader who may not see every value, or when
/// <see cref="CheckValues"/>).
/// </summary>
internal sealed class MaterialMatch
{
    private readonly MaterialPhrase? _phrase;
    private readonly string[] _wanted;
    private readonly Func<string, string[]> _termsOf;

    /// <summary>Every value with the wanted terms is of <paramref name="phrase"/>: its list is the answer, and a value matches if it is of it.</summary>
    public MaterialMatch(MaterialPhrase phrase, string[] wanted, Func<string, string[]> termsOf)
        : this(phrase.Passports!, false, wanted, termsOf) => _phrase = phrase;

    /// <summary>The list of one of the wanted terms; a value matches if it has them all.</summary>
    public MaterialMatch(PostingList candidates, bool checkValues, string[] wanted, Func<string, string[]> termsOf)
    {
        Candidates = candidates;
        CheckValues = checkValues;
        _wanted = wanted;
        _termsOf = termsOf;
    }

    public PostingList Candidates { get; }

    /// <summary>Whether a candidate may have the wanted terms only across several values, so that each must be checked.</summary>
    public bool CheckValues { get; }

    /// <summary>Whether a passport's material value matches (runs per candidate: nothing allocated).</summary>
    public bool Matches(string value) =>
        _phrase is { } phrase ? phrase.Has(value) : MaterialTerms.Matches(_termsOf(value), _wanted);
}
