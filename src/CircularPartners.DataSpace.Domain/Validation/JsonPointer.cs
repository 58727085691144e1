namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>RFC 6901 helpers.</summary>
public static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
