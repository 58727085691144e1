using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// Keyset paging: the token holds the last ordinal returned and a fingerprint of the filters.
/// Ordinals only grow, so pages stay stable while passports are being published.
/// </summary>
internal static class PageToken
{
    public static string Create(int lastOrdinal, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{lastOrdinal}.{Hash(fingerprint)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static int Read(string? token, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return -1;
        }
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('.');
            if (parts.Length == 2 && parts[1] == Hash(fingerprint) && int.TryParse(parts[0], out var ordinal) && ordinal >= 0)
            {
                return ordinal;
            }
        }
        catch (FormatException)
        {
        }
        const string message = "The page token is invalid or was issued for different filters.";
        throw new PassportValidationException(message, [new Violation("page_token", "invalid_page_token", message)]);
    }

    private static string Hash(string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)).AsSpan(0, 6));
}
