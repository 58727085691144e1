namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The Battery Pass consortium's General Product Information aspect 1.2 (io.BatteryPass.GeneralProductInformation),
/// to <c>battery/2.0</c>. It is one aspect of several: chemistry, product name and the passport's
/// issue time live in others, so they come from supplied values. Its published examples carry
/// generated values (e-mail addresses that are none, countries by name); whatever battery/2.0
/// would refuse is dropped with the reason.
/// </summary>
internal sealed class BatteryPassGpiImport : IPassportImporter
{
    public const string Schema = "bp-gpi-schema.json";

    public string Format => "batterypass";

    public string Description => "Battery Pass General Product Information 1.2 aspect";

    public ImportedBody Import(string text, List<string> notes)
    {
        using var document = SourceText.ParseJson(text);
        SourceSchema.Check(Schema, text, "Battery Pass General Product Information 1.2");
        notes.Add("Checked against the published Battery Pass General Product Information 1.2 schema (draft-04).");
        notes.Add("The schema's e-mail pattern '^[w.-]+@[w.-]+.[A-Za-z]{2,}$' lacks its backslashes, so it admits what is no e-mail address; e-mail addresses are checked again as battery/2.0 demands (format email).");
        notes.Add("'format: uri' is checked leniently by NJsonSchema (ftp: and telnet: links pass); links are checked again where they land.");
        return new ImportedBody(new BatteryPassGpiMapping(document.RootElement).Run(), "battery/2.0");
    }
}
