using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Catena-X aspects, told apart by their shape: the generic Digital Product Passport 7.0.0 (to
/// <c>cmp/2.0</c>: its composition is a material and substance declaration) and the BatteryPass
/// 6.1.0 (to <c>battery/2.0</c>). Each is checked against its published schema first.
/// </summary>
internal sealed class CatenaxImport : IPassportImporter
{
    public const string DppSchema = "catenax-dpp-7.0.0-schema.json";
    public const string BatteryPassSchema = "catenax-batterypass-6.1.0-schema.json";

    // The top-level sections each aspect's schema requires; a document is the aspect whose sections it has most of.
    private static readonly string[] DppSections = ["metadata", "identification", "operation", "handling", "characteristics", "commercial", "sustainability", "sources", "compliances", "composition"];
    private static readonly string[] BatteryPassSections = ["identification", "operation", "characteristics", "sustainability", "materials", "performance", "conformity", "safety", "metadata", "commercial", "handling"];

    public string Format => "catenax";

    public string Description => "Catena-X generic Digital Product Passport 7.0.0 or BatteryPass 6.1.0 aspect";

    public ImportedBody Import(string text, List<string> notes)
    {
        using var document = SourceText.ParseJson(text);
        var root = document.RootElement;
        var aspect = Detect(root);
        if (aspect == Aspect.BatteryPass)
        {
            SourceSchema.Check(BatteryPassSchema, text, "Catena-X BatteryPass 6.1.0");
            notes.Add("Detected the Catena-X BatteryPass 6.1.0 aspect (io.catenax.battery.battery_pass) and checked it against its published schema (draft-04).");
            notes.AddRange(SchemaNotes);
            return new ImportedBody(CatenaxBatteryPassMapping.Map(root, notes), "battery/2.0");
        }
        SourceSchema.Check(DppSchema, text, "Catena-X Digital Product Passport 7.0.0");
        notes.Add("Detected the Catena-X generic Digital Product Passport 7.0.0 aspect (io.catenax.generic.digital_product_passport) and checked it against its published schema (draft-04).");
        notes.AddRange(SchemaNotes);
        return new ImportedBody(CatenaxDppMapping.Map(root, notes), "cmp/2.0");
    }

    /// <summary>What the validator could not check in these schemas (docs: schemas/sources/README.md).</summary>
    private static readonly string[] SchemaNotes =
    [
        "The schema's 'format: uri' is checked leniently by NJsonSchema; its date patterns check the shape (yyyy-mm-dd), not that the date exists. Values that land are checked again as our schema demands.",
        "uniqueItems compares items as text (NJsonSchema); the schema's subschemas under #/components/schemas were read as #/definitions, which changes no rule.",
    ];

    private enum Aspect { Dpp, BatteryPass }

    private static Aspect Detect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            var message = "A Catena-X aspect is a JSON object.";
            throw new PassportValidationException(message, [new Violation("", "type", message)]);
        }
        var spec = root.TryGetProperty("specVersion", out var top) ? top.GetString()
            : root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("specVersion", out var inner) ? inner.GetString()
            : null;
        if (spec?.StartsWith("urn:io.catenax.battery.battery_pass:", StringComparison.Ordinal) == true)
        {
            return Aspect.BatteryPass;
        }
        if (spec?.StartsWith("urn:io.catenax.generic.digital_product_passport:", StringComparison.Ordinal) == true)
        {
            return Aspect.Dpp;
        }
        var dpp = DppSections.Count(s => root.TryGetProperty(s, out _)) - (root.TryGetProperty("materials", out _) ? 1 : 0);
        var battery = BatteryPassSections.Count(s => root.TryGetProperty(s, out _)) - (root.TryGetProperty("composition", out _) ? 1 : 0);
        if (Math.Max(dpp, battery) < 3)
        {
            var message = "The source is neither a Catena-X Digital Product Passport 7.0.0 nor a BatteryPass 6.1.0 aspect (no specVersion, and too few of their sections).";
            throw new PassportValidationException(message, [new Violation("", "unknown_aspect", message)]);
        }
        return battery > dpp ? Aspect.BatteryPass : Aspect.Dpp;
    }
}
