namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// An operator identifier <c>{scheme, id}</c> as one URI for formats that carry a single string:
/// a GLN as its GS1 Digital Link (<c>https://id.gs1.org/417/…</c>), any other scheme as
/// <c>urn:cpds:operator:{scheme}:{id}</c>, which <see cref="FromUri"/> reads back.
/// </summary>
internal static class OperatorIdentifiers
{
    private const string GlnPrefix = "https://id.gs1.org/417/";
    private const string UrnPrefix = "urn:cpds:operator:";

    /// <summary>A 1.0 body has no scheme: its corporate number is a 法人番号 (<c>jp-cn</c>).</summary>
    public static string? ToUri(string? scheme, string? id) =>
        id is null ? null : (scheme ?? "jp-cn") == "gln" ? GlnPrefix + id : UrnPrefix + (scheme ?? "jp-cn") + ":" + id;

    public static (string Scheme, string Id)? FromUri(string? uri)
    {
        if (uri is null)
        {
            return null;
        }
        if (uri.StartsWith(GlnPrefix, StringComparison.Ordinal))
        {
            return ("gln", uri[GlnPrefix.Length..]);
        }
        if (uri.StartsWith(UrnPrefix, StringComparison.Ordinal) && uri[UrnPrefix.Length..].Split(':', 2) is [var scheme, var id])
        {
            return (scheme, id);
        }
        return null;
    }
}
