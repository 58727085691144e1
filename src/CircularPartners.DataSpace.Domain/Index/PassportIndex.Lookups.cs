using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>The index's lookups beyond queries: passports by GS1 key.</summary>
public sealed partial class PassportIndex
{
    /// <summary>
    /// The active passport a GS1 Digital Link names, by its public keys only: the most specific
    /// match (serial, then lot, then the model), the first published among equals; null if none.
    /// </summary>
    public string? FindByProductKey(DigitalLinkPath path)
    {
        lock (_gate)
        {
            foreach (var key in ProductKeyIndex.Candidates(path))
            {
                foreach (var ordinal in _byProductKey.Find(key))
                {
                    if (_latest[ordinal].Status == PassportStatus.Active)
                    {
                        return _latest[ordinal].PassportId;
                    }
                }
            }
        }
        return null;
    }
}
