namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>Ascending passport ordinals for one facet value; appends are the common case.</summary>
internal sealed class PostingList
{
    private readonly List<int> _ordinals = [];

    public int Count => _ordinals.Count;

    public void Add(int ordinal)
    {
        if (_ordinals.Count == 0 || _ordinals[^1] < ordinal)
        {
            _ordinals.Add(ordinal);
            return;
        }
        var at = _ordinals.BinarySearch(ordinal);
        if (at < 0)
        {
            _ordinals.Insert(~at, ordinal);
        }
    }

    public void Remove(int ordinal)
    {
        var at = _ordinals.BinarySearch(ordinal);
        if (at >= 0)
        {
            _ordinals.RemoveAt(at);
        }
    }

    public bool Contains(int ordinal) => _ordinals.BinarySearch(ordinal) >= 0;

    /// <summary>Ordinals greater than <paramref name="after"/>, ascending.</summary>
    public IEnumerable<int> After(int after)
    {
        var start = _ordinals.BinarySearch(after);
        start = start < 0 ? ~start : start + 1;
        for (var i = start; i < _ordinals.Count; i++)
        {
            yield return _ordinals[i];
        }
    }
}
