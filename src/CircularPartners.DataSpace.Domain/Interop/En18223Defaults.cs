namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Fields battery/2.0 requires that an EN 18223 document states differently: derived from source
/// values (and reported as mapped from them), never invented.
/// </summary>
internal static class En18223Defaults
{
    public static void Complete(BodyWriter writer, IReadOnlyDictionary<string, En18223Value> byPath)
    {
        // Our category path is derived from the battery category, as the exporter's inverse.
        if (writer.Get("/product/category") is null && writer.Get("/battery/batteryCategory") is { } category && byPath.TryGetValue("category", out var source))
        {
            writer.Map(source.Pointer, "/product/category", $"batteries/{category.GetValue<string>()}-batteries");
        }
        writer.RemoveRows("/battery/dismantlingInformation/documents", row => row?["documentType"] is null || row["url"] is null,
            "battery/2.0 needs each document's type (one of its list) and URL; this document lacks one of them");
        if (writer.Get("/issuedAt") is null && byPath.TryGetValue("lastUpdated", out var updated))
        {
            writer.Map(updated.Pointer, "/issuedAt", updated.Value.GetString());
        }
    }
}
