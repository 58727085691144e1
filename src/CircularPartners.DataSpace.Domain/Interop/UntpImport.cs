namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>UNTP digital product passport credentials (JSON-LD, or the compact JWS our export signs), to battery/2.0, core/2.0 or the schema our extension names.</summary>
internal sealed class UntpImport : ISignedSourceImporter
{
    public string Format => PassportExports.Untp;

    public string Description => "UNTP digital product passport credential (JSON-LD or vc+jwt)";

    public ImportedBody Import(string text, List<string> notes) => Import(text, notes, null);

    public ImportedBody Import(string text, List<string> notes, ICredentialKeys? keys)
    {
        using var document = UntpEnvelope.Read(text, notes, keys);
        var (writer, schemaId) = UntpImporter.Import(document.RootElement);
        return new ImportedBody(writer, schemaId);
    }
}
