namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The index's passports by material term (<see cref="MaterialTerms"/>), and by phrase: the set
/// of terms of one whole material value, shared by every value written with the same terms
/// ("Material-123", "material 123"). Call under the index's lock.
/// </summary>
/// <remarks>
/// A query of several terms needs them in one value of a passport, which a list per term does
/// not tell; a list per phrase does. A term seen in one phrase only shares that phrase's list (so
/// the phrase costs no memory beyond the term's list); when it appears in a second phrase it gets
/// a list of its own. A query one of whose terms still has one phrase is answered by that phrase's
/// list alone (every passport with the term is on it, and every one on it has all the phrase's
/// terms in one value), with no check of the candidates' values; other queries take the shortest
/// term list and check each candidate's values.
/// </remarks>
internal sealed class MaterialPostings
{
    private readonly Func<string, string> _intern;
    // A term is in one of the two: led to its only phrase so far, or with a list of its own.
    private readonly Dictionary<string, MaterialPhrase> _soleByTerm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostingList> _ownByTerm = new(StringComparer.Ordinal);
    // Per distinct material value, its phrase: values repeat across passports, terms are worked out once.
    private readonly Dictionary<string, MaterialPhrase> _byValue = new(StringComparer.Ordinal);
    private readonly Func<string, string[]> _termsOf;

    public MaterialPostings(Func<string, string> intern)
    {
        _intern = intern;
        // One delegate, made once: a method group would allocate one for every query.
        _termsOf = TermsOf;
    }

    /// <summary>The sorted terms of a material value (worked out once per distinct value).</summary>
    public string[] TermsOf(string material) => PhraseOf(material).Terms;

    public void Add(string material, int ordinal)
    {
        var phrase = PhraseOf(material);
        foreach (var term in phrase.Terms)
        {
            if (_ownByTerm.TryGetValue(term, out var own))
            {
                own.Add(ordinal);
            }
            else if (!_soleByTerm.TryGetValue(term, out var sole))
            {
                _soleByTerm[term] = phrase;
                phrase.SoleTerms++;
            }
            else if (sole != phrase)
            {
                // A second phrase: the term's passports so far are the first phrase's.
                own = sole.Passports!.Copy();
                own.Add(ordinal);
                _ownByTerm[term] = own;
                _soleByTerm.Remove(term);
                if (--sole.SoleTerms == 0)
                {
                    sole.Passports = null; // no query reaches it any more: each of its terms has its own list
                }
            }
        }
        if (phrase.SoleTerms > 0)
        {
            phrase.Passports ??= new PostingList();
            phrase.Passports.Add(ordinal);
        }
    }

    /// <summary>Forgets <paramref name="ordinal"/> under a value: call for every material of the passport (the lists keep an ordinal once).</summary>
    public void Remove(string material, int ordinal)
    {
        var phrase = PhraseOf(material);
        phrase.Passports?.Remove(ordinal);
        foreach (var term in phrase.Terms)
        {
            if (_ownByTerm.TryGetValue(term, out var own))
            {
                own.Remove(ordinal);
            }
        }
    }

    /// <summary>
    /// How a query material with the sorted terms <paramref name="wanted"/> is answered: a list
    /// holding every passport with a value that has them all; null when no passport has them in
    /// one value.
    /// </summary>
    public MaterialMatch? Find(string[] wanted)
    {
        PostingList? shortest = null;
        foreach (var term in wanted)
        {
            if (_soleByTerm.TryGetValue(term, out var phrase))
            {
                // Every passport with this term has it in this phrase's values, and only there.
                return MaterialTerms.Matches(phrase.Terms, wanted) ? new MaterialMatch(phrase, wanted, _termsOf) : null;
            }
            if (!_ownByTerm.TryGetValue(term, out var own))
            {
                return null;
            }
            shortest = shortest is null || own.Count < shortest.Count ? own : shortest;
        }
        // No words (a blank or punctuation) match nothing.
        return shortest is null ? null : new MaterialMatch(shortest, wanted.Length > 1, wanted, _termsOf);
    }

    private MaterialPhrase PhraseOf(string material)
    {
        if (_byValue.TryGetValue(material, out var phrase))
        {
            return phrase;
        }
        var terms = MaterialTerms.Of(material);
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = _intern(terms[i]);
        }
        // The same terms written another way ("Material-123", "material 123") are the same phrase:
        // while one of its terms has no other phrase, that term leads to it.
        foreach (var term in terms)
        {
            if (_soleByTerm.TryGetValue(term, out var same) && same.Terms.AsSpan().SequenceEqual(terms))
            {
                phrase = same;
                break;
            }
        }
        phrase ??= new MaterialPhrase(terms);
        material = _intern(material);
        phrase.Add(material);
        _byValue[material] = phrase;
        return phrase;
    }
}
