using System.Globalization;
using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A passport body as a UNTP digital product passport (W3C VC data model 2.0, JSON-LD,
/// <c>DigitalProductPassport</c> with a <c>Product</c> subject), unsigned: the connector signs it as
/// an enveloping JWS. Reads only the body it is given (the caller's filtered view). Percentages
/// become the fractions UNTP uses (<c>massFraction</c>, <c>recycledContent</c>: 0..1).
/// </summary>
internal static class UntpCredentialBuilder
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string DppContext = "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/";
    private static readonly string[] RecycledMaterials = ["cobalt", "lithium", "nickel", "lead"];

    public static JsonObject Build(ExportSource body, string passportId, long version, string issuer, DateTimeOffset validFrom)
    {
        body.String("/passportId");
        var subject = new JsonObject
        {
            ["type"] = new JsonArray("Product"),
            ["id"] = body.String("/product/digitalLink") ?? passportId,
        };
        Put(subject, "name", body.Value("/product/name"));
        Put(subject, "modelNumber", body.Value("/product/model"));
        Put(subject, "serialNumber", body.Value("/product/serialNumber"));
        Put(subject, "batchNumber", body.Value("/product/batchNumber"));
        Put(subject, "productionDate", body.Value("/product/manufacturedOn"));
        if (body.String("/product/gtin") is { } gtin)
        {
            subject["registeredId"] = gtin;
            subject["idScheme"] = Scheme("https://id.gs1.org/01", "GTIN");
        }
        if (body.String("/product/category") is { } category)
        {
            subject["productCategory"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Classification"), ["code"] = category, ["schemeName"] = "cpds-category" });
        }
        Put(subject, "producedByParty", Party(body));
        Put(subject, "producedAtFacility", Facility(body));
        var materials = Materials(body);
        if (materials.Count > 0)
        {
            subject["materialsProvenance"] = materials;
        }
        Put(subject, "emissionsScorecard", Emissions(body));
        if (body.Value("/recycledContentPercent") is { } recycled)
        {
            subject["circularityScorecard"] = new JsonObject { ["type"] = new JsonArray("CircularityPerformance"), ["recycledContent"] = Fraction(recycled) };
        }
        return new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, DppContext),
            ["type"] = new JsonArray("DigitalProductPassport", "VerifiableCredential"),
            ["id"] = $"urn:cpds:passport:{passportId}:v{version.ToString(CultureInfo.InvariantCulture)}",
            ["issuer"] = new JsonObject { ["type"] = new JsonArray("CredentialIssuer"), ["id"] = OperatorIdentifiers.ToUri("jp-cn", issuer) },
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
        };
    }

    private static JsonObject? Party(ExportSource body)
    {
        var scheme = body.String("/economicOperator/identifier/scheme");
        var id = body.String("/economicOperator/identifier/id") ?? body.String("/economicOperator/corporateNumber");
        if (id is null)
        {
            return null;
        }
        var party = new JsonObject
        {
            ["type"] = new JsonArray("Party"),
            ["id"] = OperatorIdentifiers.ToUri(scheme, id),
            ["registeredId"] = id,
            ["idScheme"] = Scheme("urn:cpds:scheme:" + (scheme ?? "jp-cn"), scheme ?? "jp-cn"),
        };
        Put(party, "name", body.Value("/economicOperator/name"));
        Put(party, "registrationCountry", body.Value("/economicOperator/country"));
        Put(party, "partyRole", body.Value("/economicOperator/role"));
        Put(party, "email", body.Value("/economicOperator/contactEmail"));
        return party;
    }

    private static JsonObject? Facility(ExportSource body)
    {
        var id = body.String("/manufacturingFacility/identifier/id") ?? body.String("/battery/manufacturingPlant/facilityId");
        var country = body.Value("/manufacturingFacility/country") ?? body.Value("/battery/manufacturingPlant/country");
        if (id is null && country is null)
        {
            return null;
        }
        var facility = new JsonObject { ["type"] = new JsonArray("Facility") };
        Put(facility, "registeredId", id);
        Put(facility, "idScheme", body.String("/manufacturingFacility/identifier/scheme") is { } s ? Scheme("urn:cpds:scheme:" + s, s) : null);
        Put(facility, "name", body.Value("/manufacturingFacility/name") ?? body.Value("/battery/manufacturingPlant/name"));
        Put(facility, "countryOfOperation", country);
        return facility;
    }

    /// <summary>Materials (with their CAS), then substances of concern (<c>hazardous: true</c>), then the recycled share of each Annex XIII metal.</summary>
    private static JsonArray Materials(ExportSource body)
    {
        var materials = new JsonArray();
        foreach (var m in body.Items("/battery/materialComposition"))
        {
            var material = Material(body.Value(m + "/materialName"), body.String(m + "/casNumber"), false);
            Put(material, "location", body.Value(m + "/component"));
            Put(material, "mass", body.Value(m + "/massKg") is { } mass ? new JsonObject { ["value"] = mass, ["unit"] = "KGM" } : null);
            materials.Add(material);
        }
        foreach (var s in body.Items("/battery/hazardousSubstances"))
        {
            var substance = Material(body.Value(s + "/substanceName"), body.String(s + "/casNumber"), true);
            Put(substance, "massFraction", body.Value(s + "/concentrationPercent") is { } c ? Fraction(c) : null);
            Put(substance, "symbol", body.Value(s + "/hazardClass"));
            materials.Add(substance);
        }
        foreach (var metal in RecycledMaterials)
        {
            if (body.Value($"/battery/recycledContent/{metal}Percent") is { } share)
            {
                var material = Material(metal, null, false);
                material["recycledMassFraction"] = Fraction(share);
                materials.Add(material);
            }
        }
        return materials;
    }

    private static JsonObject Material(JsonNode? name, string? cas, bool hazardous)
    {
        var material = new JsonObject { ["type"] = new JsonArray("Material") };
        Put(material, "name", name);
        if (cas is not null)
        {
            material["materialType"] = new JsonObject
            {
                ["type"] = new JsonArray("Classification"), ["code"] = cas, ["schemeID"] = "https://commonchemistry.cas.org", ["schemeName"] = "CAS",
            };
        }
        material["hazardous"] = hazardous;
        return material;
    }

    private static JsonObject? Emissions(ExportSource body)
    {
        if (body.Value("/battery/carbonFootprint/totalKgCo2ePerKWh") is not { } total)
        {
            return null;
        }
        var emissions = new JsonObject
        {
            ["type"] = new JsonArray("EmissionsPerformance"),
            ["carbonFootprint"] = total,
            ["declaredUnit"] = "KWH",
            ["operationalScope"] = "CradleToGrave",
        };
        Put(emissions, "reportingStandard", body.Value("/battery/carbonFootprint/studyUrl"));
        return emissions;
    }

    private static JsonObject Scheme(string id, string name) => new() { ["type"] = new JsonArray("IdentifierScheme"), ["id"] = id, ["name"] = name };

    private static double Fraction(JsonNode percent) => Math.Round(percent.GetValue<double>() / 100, 6);

    private static void Put(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
