using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Checks a compact JWS (ES256) against one given public key: the statements a provider connector
/// signs with its published key (release receipts, termination notices). Only ES256 with the
/// expected <c>typ</c> is accepted; keys named in the header (<c>jwk</c>, <c>jku</c>, <c>kid</c>) are
/// never used. Kept free of IdentityModel so the CLI verifies receipts offline.
/// </summary>
public static class CompactJws
{
    /// <summary>The payload when the signature verifies with <paramref name="publicKeyPem"/>; null with the problem otherwise.</summary>
    public static JsonElement? Verify(string jws, string publicKeyPem, string expectedType, out string? problem)
    {
        var parts = jws.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            problem = "it is not a compact JWS (header.payload.signature)";
            return null;
        }
        try
        {
            using (var header = JsonDocument.Parse(Decode(parts[0])))
            {
                if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "ES256")
                {
                    problem = "its signing algorithm is not ES256";
                    return null;
                }
                if (!header.RootElement.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String || typ.GetString() != expectedType)
                {
                    problem = $"it is not a {expectedType}";
                    return null;
                }
            }
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            var signature = Decode(parts[2]);
            if (signature.Length != 64 || !key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256))
            {
                problem = "its signature does not verify with the provider's key";
                return null;
            }
            using var payload = JsonDocument.Parse(Decode(parts[1]));
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "its payload is not a JSON object";
                return null;
            }
            problem = null;
            return payload.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or CryptographicException)
        {
            problem = "it is not well formed, or the key is not an EC public key in PEM";
            return null;
        }
    }

    public static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Number(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static byte[] Decode(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='));
    }
}
