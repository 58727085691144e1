using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.DigitalLink;

/// <summary>
/// Resolves a GS1 Digital Link to the public view of the passport it names: the index finds the
/// passport by its public GS1 keys (no body is read to search), then the public view path reads
/// it, so exactly what <c>GetPublic</c> shows is shown, and a withdrawn passport is unknown.
/// </summary>
public sealed class ProductResolver(PassportIndex index, SharedPassportReader reader)
{
    /// <summary>The public view of the passport, or null when no active passport carries these keys.</summary>
    public async Task<PassportRecord?> ResolveAsync(DigitalLinkPath path, CancellationToken cancellationToken)
    {
        if (index.FindByProductKey(path) is not { } passportId)
        {
            return null;
        }
        try
        {
            return await reader.GetPublicAsync(passportId, cancellationToken);
        }
        catch (PassportNotFoundException)
        {
            return null; // withdrawn between the lookup and the read
        }
    }
}
