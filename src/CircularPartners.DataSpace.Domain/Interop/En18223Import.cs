using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>EN 18223 (openEPCIS expanded envelope) battery passports, to <c>battery/2.0</c>.</summary>
internal sealed class En18223Import : IPassportImporter
{
    public string Format => PassportExports.En18223;

    public string Description => "EN 18223 / openEPCIS battery passport";

    public ImportedBody Import(string text, List<string> notes)
    {
        using var document = SourceText.ParseJson(text);
        return new ImportedBody(En18223Importer.Import(En18223Source.Read(document.RootElement, notes)), "battery/2.0");
    }
}
