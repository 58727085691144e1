using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Identifiers;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A UNTP DPP credential (already checked by <see cref="UntpEnvelope"/>) as a passport body: the
/// inverse of <see cref="UntpCredentialBuilder"/>. The <c>cpdsPassport</c> extension, when present,
/// lands first (it names the schema and holds the fields UNTP has no term for); then the UNTP terms.
/// Every leaf of the credential is mapped or dropped with a reason.
/// </summary>
internal static partial class UntpImporter
{
    private const string Subject = "/credentialSubject";
    private const string Product = Subject + "/product";
    private const string Ext = Subject + "/" + Extension;

    public static (BodyWriter Writer, string SchemaId) Import(JsonElement credential)
    {
        var source = new UntpReader(credential, new BodyWriter());
        var schemaId = SchemaOf(source);
        var battery = schemaId.StartsWith("battery/", StringComparison.Ordinal);
        ExtensionBody(source);
        Identity(source);
        ProductFields(source, battery);
        source.MapString(Product + "/name", "/product/name");
        Party(source, Product + "/producedByParty", "/economicOperator/identifier");
        source.MapString(Product + "/producedByParty/name", "/economicOperator/name");
        if (Party(source, Product + "/producedAtFacility", "/manufacturingFacility/identifier"))
        {
            source.MapString(Product + "/producedAtFacility/name", "/manufacturingFacility/name");
            source.MapString(Product + "/countryOfProduction", "/manufacturingFacility/country");
        }
        UntpMaterials.Import(source, schemaId);
        UntpConformity.Import(source);
        Scorecards(source, battery);
        source.DropRest(Reason);
        return (source.Writer, schemaId);
    }

    /// <summary>The extension's schema; else battery/2.0 for a UN CPC battery class (4641x, 4642x) or our battery category; else core/2.0.</summary>
    private static string SchemaOf(UntpReader source)
    {
        if (source.String(Ext + "/schema") is { } named && SchemaIdRule().IsMatch(named))
        {
            source.Drop(Ext + "/schema", "names the passport's schema (used as the target schema)");
            return named;
        }
        var battery = Enumerable.Range(0, 8).Any(i => source.String($"{Product}/productCategory/{i}/code") is { } code
            && (code.StartsWith("4641", StringComparison.Ordinal) || code.StartsWith("4642", StringComparison.Ordinal) || code.StartsWith("batteries", StringComparison.Ordinal)));
        return battery ? "battery/2.0" : "core/2.0";
    }

    private static void ExtensionBody(UntpReader source)
    {
        if (source.Element(Ext + "/body") is not { ValueKind: JsonValueKind.Object } body)
        {
            return;
        }
        foreach (var (pointer, value) in UntpReader.LeafValues(body, ""))
        {
            if (pointer.StartsWith("/" + PassportImports.SourceSection + "/", StringComparison.Ordinal))
            {
                source.Drop(Ext + "/body" + pointer, "the original of an earlier import is kept by its importer only");
                continue;
            }
            source.Map(Ext + "/body" + pointer, pointer, JsonNode.Parse(value.GetRawText()));
        }
    }

    private static void Identity(UntpReader source)
    {
        foreach (var candidate in new[] { Subject + "/id", Product + "/id", "/id" })
        {
            if (source.String(candidate) is { } id && ImportValues.IsPassportId(id))
            {
                source.Map(candidate, "/passportId", id);
                break;
            }
        }
        if (source.String(Product + "/id") is { } productId && UntpVocabulary.DigitalLink().IsMatch(productId))
        {
            source.Map(Product + "/id", "/product/digitalLink", productId);
        }
        if (source.String("/validFrom") is { } validFrom && UntpVocabulary.DateTime().IsMatch(validFrom))
        {
            source.Map("/validFrom", "/issuedAt", validFrom);
        }
    }

    private static void ProductFields(UntpReader source, bool battery)
    {
        var gtin = source.String(Product + "/registeredId");
        if (gtin is not null && (source.String(Product + "/idScheme/id") ?? "").StartsWith(GtinScheme, StringComparison.Ordinal) && CheckDigits.IsGs1Key(gtin, 8, 12, 13, 14))
        {
            source.Map(Product + "/registeredId", "/product/gtin", gtin.PadLeft(14, '0'));
            source.Drop(Product + "/idScheme", "describes the GTIN");
        }
        else if (source.String(Product + "/id") is { } link && UntpVocabulary.DigitalLink().Match(link) is { Success: true } match && CheckDigits.IsGs1Key(match.Groups[3].Value, 14))
        {
            // The GTIN of a Digital Link product id; the id itself is already reported as mapped.
            source.Map(Product + "/id", "/product/gtin", match.Groups[3].Value);
        }
        source.MapString(Product + "/serialNumber", "/product/serialNumber");
        source.MapString(Product + "/batchNumber", "/product/batchNumber");
        if (source.String(Product + "/productionDate") is { } date && UntpVocabulary.Date().IsMatch(date))
        {
            source.Map(Product + "/productionDate", "/product/manufacturedOn", date);
        }
        Category(source);
        if (battery && source.String(Product + "/dimensions/weight/unit") == "KGM" && source.Number(Product + "/dimensions/weight/value") is { } mass)
        {
            source.Map(Product + "/dimensions/weight/value", "/battery/massKg", mass);
            source.Drop(Product + "/dimensions/weight/unit", "the unit of massKg (KGM)");
        }
    }

    private static void Category(UntpReader source)
    {
        for (var i = 0; source.Element($"{Product}/productCategory/{i}") is not null; i++)
        {
            var at = $"{Product}/productCategory/{i}";
            if (source.String(at + "/code") is not { } code)
            {
                continue;
            }
            if (source.String(at + "/schemeID") == CategoryScheme && CategoryRule().IsMatch(code))
            {
                source.Map(at + "/code", "/product/category", code);
            }
            else if ((source.String(at + "/schemeID") ?? "").Contains("/cpc", StringComparison.OrdinalIgnoreCase) && (code.StartsWith("4641", StringComparison.Ordinal) || code.StartsWith("4642", StringComparison.Ordinal)))
            {
                // UN CPC 4641x/4642x (primary cells, accumulators) is our category path batteries.
                source.Map(at + "/code", "/product/category", "batteries");
            }
            source.Drop(at, "describes the product category");
        }
    }

    /// <summary>A party's or facility's identifier: our own scheme URN, a URI we write, a GLN, else the party's id URI under scheme <c>other</c>.</summary>
    private static bool Party(UntpReader source, string at, string target)
    {
        if (source.String(at + "/id") is not { } uri)
        {
            return false;
        }
        var schemeId = source.String(at + "/idScheme/id") ?? "";
        var registered = source.String(at + "/registeredId");
        if (schemeId.StartsWith(SchemePrefix, StringComparison.Ordinal) && registered is not null)
        {
            source.Map(at + "/idScheme/id", target + "/scheme", schemeId[SchemePrefix.Length..]);
            source.Map(at + "/registeredId", target + "/id", registered);
        }
        else if (OperatorIdentifiers.FromUri(uri) is { } identifier)
        {
            source.Map(at + "/id", target + "/scheme", identifier.Scheme);
            source.Map(at + "/id", target + "/id", identifier.Id);
        }
        else if (schemeId.StartsWith(GlnScheme, StringComparison.Ordinal) && registered is not null && CheckDigits.IsGs1Key(registered, 13))
        {
            source.Map(at + "/idScheme/id", target + "/scheme", "gln");
            source.Map(at + "/registeredId", target + "/id", registered);
        }
        else
        {
            source.Map(at + "/id", target + "/scheme", "other");
            source.Map(at + "/id", target + "/id", uri);
        }
        source.Drop(at + "/idScheme", "describes the identifier's scheme");
        source.Drop(at + "/registeredId", "the identifier is already mapped from another property of the party");
        source.Drop(at + "/id", "the identifier is already mapped from another property of the party");
        return true;
    }

    private static void Scorecards(UntpReader source, bool battery)
    {
        const string Emissions = Subject + "/emissionsScorecard";
        if (source.Number(Emissions + "/carbonFootprint") is { } footprint)
        {
            var unit = source.String(Emissions + "/declaredUnit");
            if (battery && unit == "KWH")
            {
                source.Map(Emissions + "/carbonFootprint", "/battery/carbonFootprint/totalKgCo2ePerKWh", footprint);
                source.Drop(Emissions + "/declaredUnit", "the unit of totalKgCo2ePerKWh (per kWh)");
            }
            else
            {
                // Not per kWh (or no battery): kept as declared, in its own unit, never converted.
                const string Row = "/environmentalFootprint/0";
                source.Map(Emissions + "/carbonFootprint", Row + "/value", footprint);
                source.Map(Emissions + "/carbonFootprint", Row + "/indicator", "carbon footprint (kg CO2e)");
                source.MapString(Emissions + "/declaredUnit", Row + "/unit");
                source.MapString(Emissions + "/operationalScope", Row + "/lifecycleStage");
                if (source.String(Emissions + "/reportingStandard/id") is { } rules && ImportValues.IsHttpsUrl(rules))
                {
                    source.Map(Emissions + "/reportingStandard/id", Row + "/rulebookUrl", rules);
                }
            }
        }
        if (source.Number(Subject + "/circularityScorecard/recycledContent") is { } recycled)
        {
            source.Map(Subject + "/circularityScorecard/recycledContent", "/recycledContentPercent", Percent(recycled));
        }
        if (battery)
        {
            source.MapString(Subject + "/dueDiligenceDeclaration/linkURL", "/battery/supplyChainDueDiligence/reportUrl");
        }
    }

    /// <summary>Why a leaf no rule mapped was dropped.</summary>
    private static string Reason(string pointer) => pointer switch
    {
        _ when pointer.StartsWith("/@context", StringComparison.Ordinal) || pointer.StartsWith("/type", StringComparison.Ordinal)
            || pointer.EndsWith("/type/0", StringComparison.Ordinal) || TypeRule().IsMatch(pointer) => "JSON-LD context or type, not data",
        _ when pointer.StartsWith("/issuer", StringComparison.Ordinal) => "the credential's issuer: the importing connector publishes as its own operator (the original keeps it)",
        _ when pointer is "/id" or "/validUntil" || pointer.StartsWith("/credentialStatus", StringComparison.Ordinal) || pointer.StartsWith("/proof", StringComparison.Ordinal)
            || pointer.StartsWith("/renderMethod", StringComparison.Ordinal) => "credential metadata: the connector keeps its own versions and status",
        _ when pointer == Subject + "/id" => "the subject id is not a GS1 Digital Link or urn:uuid passport id",
        _ when pointer == Subject + "/granularityLevel" => "derived: the connector states granularity by the GS1 keys (serial, batch)",
        _ when pointer.StartsWith(Subject + "/conformityClaim", StringComparison.Ordinal) =>
            "no conformityClaims field for this part of a claim (assessment criteria, party identifiers, link type, encryption) or a value in a form it refuses; the original keeps it",
        _ when pointer.StartsWith(Subject + "/traceabilityInformation", StringComparison.Ordinal) => "traceability event links have no passport field; the original keeps them",
        _ when pointer.StartsWith(Subject + "/emissionsScorecard", StringComparison.Ordinal) => "no passport field for this emissions figure (only the total carbon footprint per kWh of a battery)",
        _ when pointer.StartsWith(Subject + "/circularityScorecard", StringComparison.Ordinal) => "no passport field for this circularity figure (only the recycled content)",
        _ when pointer.StartsWith(Subject + "/dueDiligenceDeclaration", StringComparison.Ordinal) => "only a battery's due diligence report URL has a passport field",
        _ when pointer.StartsWith(Product + "/dimensions", StringComparison.Ordinal) => "only a battery's weight in KGM has a passport field",
        _ when pointer.StartsWith(Product, StringComparison.Ordinal) => "no passport field for this product property (descriptions, images and links stay in the original)",
        _ => "no passport field for this credential property",
    };

    [GeneratedRegex(@"^[a-z][a-z-]*/[0-9]+\.[0-9]+$")]
    private static partial Regex SchemaIdRule();

    [GeneratedRegex(@"^[a-z0-9-]+(/[a-z0-9-]+)*$")]
    private static partial Regex CategoryRule();

    [GeneratedRegex(@"/type/[0-9]+$")]
    private static partial Regex TypeRule();
}
