using System.Globalization;
using System.Text.Json.Nodes;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A passport body as a UNTP digital product passport (W3C VC data model 2.0, JSON-LD, DPP 0.6.0:
/// a <c>ProductPassport</c> subject with its <c>product</c>), unsigned: the connector signs it as an
/// enveloping JWS. Reads only the body it is given (the caller's filtered view). Percentages become
/// the fractions UNTP uses (0..1). No <c>emissionsScorecard</c>: UNTP 0.6.0 requires its
/// <c>primarySourcedRatio</c>, which a passport does not state, and a credential must stay valid
/// against the published schema; the carbon footprint travels in the extension. What the UNTP
/// vocabulary has no term for goes into the <c>cpdsPassport</c> extension
/// (<see cref="UntpExtension"/>), so nothing the caller may read is lost.
/// </summary>
internal static class UntpCredentialBuilder
{
    /// <summary>The credential, and the body pointers it does not carry (only the kept original of an import).</summary>
    public static (JsonObject Credential, IReadOnlyList<string> Unmapped) Build(ExportSource body, string passportId, long version, string schemaId,
        string issuer, DateTimeOffset now)
    {
        body.String("/passportId");
        var subject = new JsonObject { ["type"] = Types("ProductPassport"), ["id"] = passportId };
        subject["product"] = Product(body, passportId);
        subject["granularityLevel"] = body.Has("/product/serialNumber") ? "item" : body.Has("/product/batchNumber") ? "batch" : "model";
        var materials = UntpMaterials.Export(body);
        if (materials.Count > 0)
        {
            subject["materialsProvenance"] = materials;
        }
        if (body.Value("/recycledContentPercent") is { } recycled)
        {
            subject["circularityScorecard"] = new JsonObject { ["type"] = Types("CircularityPerformance"), ["recycledContent"] = Fraction(recycled.GetValue<double>()) };
        }
        if (body.String("/battery/supplyChainDueDiligence/reportUrl") is { } report)
        {
            subject["dueDiligenceDeclaration"] = new JsonObject { ["type"] = Types("Link"), ["linkURL"] = report, ["linkName"] = "Supply chain due diligence report" };
        }
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, DppContext, ExtensionContext),
            ["type"] = Types("DigitalProductPassport", "VerifiableCredential"),
            ["id"] = $"urn:cpds:passport:{passportId}:v{version.ToString(CultureInfo.InvariantCulture)}",
            ["issuer"] = new JsonObject
            {
                ["type"] = Types("CredentialIssuer"),
                ["id"] = OperatorIdentifiers.ToUri("jp-cn", issuer),
                ["name"] = $"CircularPartners DataSpace connector of {issuer}",
            },
            // The passport version's issue time, so exporting one version twice gives one credential.
            ["validFrom"] = body.String("/issuedAt") ?? now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
        };
        var unmapped = UntpExtension.Complete(credential, body, schemaId);
        return (credential, unmapped);
    }

    private static JsonObject Product(ExportSource body, string passportId)
    {
        var product = new JsonObject
        {
            ["type"] = Types("Product"),
            ["id"] = body.String("/product/digitalLink") ?? passportId,
        };
        Put(product, "name", body.Value("/product/name"));
        if (body.String("/product/gtin") is { } gtin)
        {
            product["registeredId"] = gtin;
            product["idScheme"] = Scheme(GtinScheme, "GTIN");
        }
        Put(product, "batchNumber", body.Value("/product/batchNumber"));
        Put(product, "serialNumber", body.Value("/product/serialNumber"));
        Put(product, "productionDate", body.Value("/product/manufacturedOn"));
        if (body.String("/product/category") is { } category)
        {
            product["productCategory"] = new JsonArray(new JsonObject
            {
                ["type"] = Types("Classification"),
                ["id"] = CategoryScheme + category,
                ["code"] = category,
                ["name"] = category,
                ["schemeID"] = CategoryScheme,
                ["schemeName"] = "CircularPartners product category",
            });
        }
        Put(product, "producedByParty", Party(body));
        Put(product, "producedAtFacility", Facility(body));
        Put(product, "countryOfProduction", HasFacility(body) ? body.Value("/manufacturingFacility/country") : null);
        if (body.Value("/battery/massKg") is { } mass)
        {
            product["dimensions"] = new JsonObject { ["weight"] = new JsonObject { ["value"] = mass, ["unit"] = "KGM" } };
        }
        return product;
    }

    private static bool HasFacility(ExportSource body) =>
        body.Has("/manufacturingFacility/identifier/scheme") && body.Has("/manufacturingFacility/identifier/id") && body.Has("/manufacturingFacility/name");

    private static JsonObject? Party(ExportSource body)
    {
        // UNTP requires the party's name (core/2.0 does too; a 1.0 body may lack it).
        if (!body.Has("/economicOperator/name"))
        {
            return null;
        }
        var scheme = body.String("/economicOperator/identifier/scheme");
        var id = body.String("/economicOperator/identifier/id") ?? body.String("/economicOperator/corporateNumber");
        if (id is null)
        {
            return null;
        }
        var party = new JsonObject
        {
            ["id"] = OperatorIdentifiers.ToUri(scheme, id),
            ["registeredId"] = id,
            ["idScheme"] = Scheme(SchemePrefix + (scheme ?? "jp-cn"), scheme ?? "jp-cn"),
        };
        Put(party, "name", body.Value("/economicOperator/name"));
        return party;
    }

    private static JsonObject? Facility(ExportSource body)
    {
        // UNTP requires a facility's name; one without stays whole in the extension.
        if (!HasFacility(body))
        {
            return null;
        }
        var scheme = body.String("/manufacturingFacility/identifier/scheme")!;
        var id = body.String("/manufacturingFacility/identifier/id")!;
        var facility = new JsonObject
        {
            ["id"] = OperatorIdentifiers.ToUri(scheme, id),
            ["registeredId"] = id,
            ["idScheme"] = Scheme(SchemePrefix + scheme, scheme),
        };
        Put(facility, "name", body.Value("/manufacturingFacility/name"));
        return facility;
    }

    public static JsonObject Scheme(string id, string name) => new() { ["type"] = Types("IdentifierScheme"), ["id"] = id, ["name"] = name };

    public static void Put(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
