namespace CircularPartners.DataSpace.Domain.DigitalLink;

/// <summary>
/// The GS1 Digital Link path this connector resolves: <c>/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]</c>,
/// each value percent-decoded. Parsing never guesses: an unknown or repeated key, a qualifier out
/// of order, or a value outside the GS1 limits is an error with a reason a caller can fix.
/// </summary>
public sealed record DigitalLinkPath(string Gtin14, string? Lot, string? Serial)
{
    /// <summary>The longest lot or serial GS1 allows (AI 10 and 21 are up to 20 characters).</summary>
    public const int MaxQualifierLength = 20;

    private static readonly string[] Order = ["22", "10", "21"];

    /// <summary>The canonical path: GTIN-14 and the qualifiers, percent-encoded.</summary>
    public string ToPath() =>
        "/01/" + Gtin14 + (Lot is null ? "" : "/10/" + Uri.EscapeDataString(Lot)) + (Serial is null ? "" : "/21/" + Uri.EscapeDataString(Serial));

    /// <summary>
    /// Parses the raw (still percent-encoded) path after the GTIN: <paramref name="gtin"/> and the
    /// key/value segments that follow it. AI 22 (consumer product variant) is accepted and ignored.
    /// </summary>
    public static DigitalLinkParse Parse(string gtin, IReadOnlyList<string> rawQualifiers)
    {
        var check = Gtin.Normalize(gtin);
        if (check.Gtin14 is null)
        {
            return DigitalLinkParse.Failed(check.Code!, check.Message!);
        }
        if (rawQualifiers.Count % 2 != 0)
        {
            return DigitalLinkParse.Failed("bad_path", "Qualifiers come in pairs: /10/{lot}, /21/{serial}.");
        }
        string? lot = null, serial = null;
        var last = -1;
        for (var i = 0; i < rawQualifiers.Count; i += 2)
        {
            var key = rawQualifiers[i];
            var at = Array.IndexOf(Order, key);
            if (at < 0)
            {
                return DigitalLinkParse.Failed("unknown_qualifier", $"Unknown GS1 application identifier '{Clip(key)}' after /01: use 22, 10 or 21.");
            }
            if (at <= last)
            {
                return DigitalLinkParse.Failed("qualifier_order", "Qualifiers follow the GTIN in the order /22, /10, /21, each at most once.");
            }
            last = at;
            string value;
            try
            {
                value = Uri.UnescapeDataString(rawQualifiers[i + 1]);
            }
            catch (UriFormatException)
            {
                return DigitalLinkParse.Failed("bad_value", $"The value of /{key} is not valid percent-encoding.");
            }
            if (value.Length is 0 or > MaxQualifierLength || value.Any(char.IsControl))
            {
                return DigitalLinkParse.Failed("bad_value", $"The value of /{key} must be 1 to {MaxQualifierLength} printable characters.");
            }
            switch (key)
            {
                case "10":
                    lot = value;
                    break;
                case "21":
                    serial = value;
                    break;
            }
        }
        return new DigitalLinkParse(new DigitalLinkPath(check.Gtin14, lot, serial), null, null);
    }

    /// <summary>
    /// The GS1 keys in a Digital Link URI such as a passport id (<c>https://id.gs1.org/01/.../21/...</c>);
    /// null when the URI carries none or an invalid GTIN.
    /// </summary>
    public static DigitalLinkPath? FromUri(string? uri)
    {
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            return null;
        }
        var segments = parsed.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var key = Array.IndexOf(segments, "01");
        return key < 0 || key + 1 >= segments.Length ? null : Parse(segments[key + 1], segments[(key + 2)..]).Path;
    }

    private static string Clip(string value) => value.Length <= 8 ? value : value[..8] + "…";
}

/// <summary>A parsed Digital Link path, or the reason it is not one.</summary>
public sealed record DigitalLinkParse(DigitalLinkPath? Path, string? Code, string? Message)
{
    public static DigitalLinkParse Failed(string code, string message) => new(null, code, message);
}
