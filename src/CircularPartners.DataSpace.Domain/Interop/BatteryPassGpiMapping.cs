using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>The GPI 1.2 fields, leaf by leaf, to battery/2.0.</summary>
internal sealed class BatteryPassGpiMapping(JsonElement root) : LeafMapping(root)
{
    private const string Operator = "operatorInformation/";
    private const string Manufacturer = "manufacturerInformation/";
    private const string Plant = "/battery/manufacturingPlant";

    protected override string Unmapped(SourceLeaf leaf) => $"battery/2.0 has no field for Battery Pass GPI '{leaf.Path}'";

    protected override bool Handle(SourceLeaf leaf)
    {
        if (leaf.Path.StartsWith(Operator, StringComparison.Ordinal))
        {
            return EconomicOperator(leaf, leaf.Path[Operator.Length..]);
        }
        if (leaf.Path.StartsWith(Manufacturer, StringComparison.Ordinal))
        {
            return Drop(leaf, "the manufacturer's contact: battery/2.0 names the economic operator (operatorInformation) only");
        }
        return leaf.Path switch
        {
            "batteryPassportIdentifier" => Checked(leaf, "/passportId", ImportValues.IsPassportId, "is not a urn:uuid or GS1 Digital Link"),
            "productIdentifier" => Text(leaf, "/product/serialNumber"),
            "batteryCategory" => Category(leaf),
            "batteryStatus" => Checked(leaf, "/battery/batteryStatus", v => v is "Original" or "Repurposed" or "Reused" or "Remanufactured" or "Waste", "is not a battery status", v => v.ToLowerInvariant()),
            "batteryMass" => Number(leaf, "/battery/massKg"),
            "manufacturingDate" => Checked(leaf, "/product/manufacturedOn", v => ImportValues.DateOf(v) is not null, "has no date", v => ImportValues.DateOf(v)!),
            "manufacturingPlace/addressCountry" => Checked(leaf, Plant + "/country", ImportValues.IsCountry, "is not an ISO 3166-1 alpha-2 country code"),
            "manufacturingPlace/streetAddress" => Text(leaf, Plant + "/address/streetAddress"),
            "manufacturingPlace/postalCode" => Text(leaf, Plant + "/address/postalCode"),
            "puttingIntoService" => Drop(leaf, "battery/2.0 has no putting-into-service date"),
            "warrentyPeriod" => Drop(leaf, "battery/2.0 has no warranty period"),
            _ => false,
        };
    }

    private bool EconomicOperator(SourceLeaf leaf, string field)
    {
        switch (field)
        {
            case "identifier":
                // A free string in GPI 1.2 ("not demanded by the Battery Regulation"): its scheme is named only when it shows.
                var scheme = ImportValues.IsBpnl(leaf.Text) ? "bpnl" : "other";
                Writer.Map(leaf.Pointer, "/economicOperator/identifier/scheme", scheme);
                return Text(leaf, "/economicOperator/identifier/id");
            case "contactName":
                // The contact information entity names the operator (Annex VI part A: name, address, web and e-mail).
                return Text(leaf, "/economicOperator/name");
            case "emailAddress":
                return Checked(leaf, "/economicOperator/contactEmail", ImportValues.IsEmail, "is not an e-mail address");
            case "webAddress":
                return Drop(leaf, "core/2.0 keeps no web address of the operator");
            case "postalAddress/addressCountry":
                return Checked(leaf, "/economicOperator/country", ImportValues.IsCountry, "is not an ISO 3166-1 alpha-2 country code");
            case "postalAddress/streetAddress":
                return Text(leaf, "/economicOperator/address/streetAddress");
            case "postalAddress/postalCode":
                return Text(leaf, "/economicOperator/address/postalCode");
            default:
                return false;
        }
    }

    private bool Category(SourceLeaf leaf)
    {
        // A stationary battery energy storage system is an industrial battery (Regulation (EU) 2023/1542 Art. 3(14)).
        var category = leaf.Text == "stationary" ? "industrial" : leaf.Text;
        if (category is not ("lmt" or "ev" or "industrial"))
        {
            return Drop(leaf, $"'{leaf.Text}' is not a battery/2.0 category");
        }
        Writer.Map(leaf.Pointer, "/battery/batteryCategory", category);
        Writer.Map(leaf.Pointer, "/product/category", $"batteries/{category}-batteries");
        return true;
    }
}
