using System.Text.Json;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// The product's GS1 keys from the public fields of a passport (schemas/core: <c>/product/gtin</c>,
/// <c>/product/batchNumber</c>, <c>/product/serialNumber</c>); where the body names no GTIN, the
/// keys of its <c>/product/digitalLink</c> or of a Digital Link <c>/passportId</c>. A value in a
/// field the public may not read is left out, as is a GTIN with a wrong check digit.
/// </summary>
internal static class ProductKeyExtractor
{
    public static ProductKeys Extract(JsonElement root, AccessMap? access)
    {
        if (access is null || root.ValueKind != JsonValueKind.Object)
        {
            return ProductKeys.None;
        }
        var productMap = access.Property("product");
        var product = root.TryGetProperty("product", out var p) && p.ValueKind == JsonValueKind.Object && IsPublic(productMap) ? p : default;
        var gtin = Gtin.ToGtin14(PublicString(product, productMap, "gtin"));
        var lot = PublicString(product, productMap, "batchNumber");
        var serial = PublicString(product, productMap, "serialNumber");
        if (gtin is null)
        {
            var link = DigitalLinkPath.FromUri(PublicString(product, productMap, "digitalLink"))
                ?? DigitalLinkPath.FromUri(PublicString(root, access, "passportId"));
            if (link is null)
            {
                return ProductKeys.None;
            }
            (gtin, lot, serial) = (link.Gtin14, lot ?? link.Lot, serial ?? link.Serial);
        }
        return new ProductKeys(gtin, Blank(lot), Blank(serial));
    }

    private static string? PublicString(JsonElement parent, AccessMap? parentMap, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && IsPublic(parentMap?.Property(name)) ? value.GetString() : null;

    private static bool IsPublic(AccessMap? map) => map is not null && AccessLevels.Parse(map.AccessClass) == AccessLevel.Public;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
