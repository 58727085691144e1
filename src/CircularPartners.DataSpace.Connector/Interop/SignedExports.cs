using CircularPartners.DataSpace.Domain.Interop;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using Wire = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Interop;

/// <summary>An export on the wire: the domain builds it from the caller's view, a UNTP credential is signed here.</summary>
internal sealed class SignedExports(PassportExports exports, CredentialSigner signer)
{
    public async Task<(Wire.PassportExport Export, PassportRecord Read)> ExportAsync(ReadGrant grant, Wire.ExportPassportRequest request,
        CancellationToken cancellationToken)
    {
        var (export, read) = await exports.ExportAsync(grant, request.PassportId, request.Version > 0 ? request.Version : null, request.Format, cancellationToken);
        var wire = new Wire.PassportExport
        {
            PassportId = export.PassportId,
            Version = export.Version,
            Format = export.Format,
            MediaType = export.MediaType,
            Json = export.Json,
            Unmapped = { export.Unmapped },
        };
        if (export.Format == PassportExports.Untp)
        {
            wire.Jws = signer.Sign(export.Json);
            wire.KeyId = signer.KeyId;
        }
        return (wire, read);
    }
}
