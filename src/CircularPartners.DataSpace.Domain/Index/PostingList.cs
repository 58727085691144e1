namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>Ascending passport ordinals for one facet value; appends are the common case.</summary>
/// <remarks>
/// The array is held directly rather than through a <see cref="List{T}"/>: the index holds one
/// list per facet value (thousands), and a probe in the query loop follows one reference less.
/// </remarks>
internal sealed class PostingList
{
    private int[] _ordinals = [];
    private int _count;

    public int Count => _count;

    public PostingList Copy() => new() { _ordinals = _ordinals[.._count], _count = _count };

    public void Add(int ordinal)
    {
        if (_count == 0 || _ordinals[_count - 1] < ordinal)
        {
            Grow();
            _ordinals[_count++] = ordinal;
            return;
        }
        var at = Array.BinarySearch(_ordinals, 0, _count, ordinal);
        if (at < 0)
        {
            at = ~at;
            Grow();
            Array.Copy(_ordinals, at, _ordinals, at + 1, _count - at);
            _ordinals[at] = ordinal;
            _count++;
        }
    }

    public void Remove(int ordinal)
    {
        var at = Array.BinarySearch(_ordinals, 0, _count, ordinal);
        if (at >= 0)
        {
            _count--;
            Array.Copy(_ordinals, at + 1, _ordinals, at, _count - at);
        }
    }

    public bool Contains(int ordinal) => Array.BinarySearch(_ordinals, 0, _count, ordinal) >= 0;

    /// <summary>Ordinals greater than <paramref name="after"/>, ascending.</summary>
    public IEnumerable<int> After(int after)
    {
        var start = Array.BinarySearch(_ordinals, 0, _count, after);
        start = start < 0 ? ~start : start + 1;
        for (var i = start; i < _count; i++)
        {
            yield return _ordinals[i];
        }
    }

    private void Grow()
    {
        if (_count == _ordinals.Length)
        {
            Array.Resize(ref _ordinals, _count == 0 ? 4 : _count * 2);
        }
    }
}
