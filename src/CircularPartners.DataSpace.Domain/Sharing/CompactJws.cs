using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Compact JWS (ES256) for the statements a provider connector signs with its published key
/// (release receipts, termination notices). Checking accepts only ES256 with the expected
/// <c>typ</c> against one given public key; keys named in the header (<c>jwk</c>, <c>jku</c>,
/// <c>kid</c>) are never used. Kept free of IdentityModel so the CLI verifies receipts offline, and
/// signing is direct because a receipt is signed on every read under an agreement.
/// </summary>
public static class CompactJws
{
    /// <summary>Signs the JSON object <paramref name="writePayload"/> writes (its members only) as a compact JWS.</summary>
    public static string Sign(ECDsa key, string keyId, string type, Action<Utf8JsonWriter> writePayload)
    {
        var header = Encode(writer =>
        {
            writer.WriteString("alg", "ES256");
            writer.WriteString("kid", keyId);
            writer.WriteString("typ", type);
        });
        var signingInput = header + "." + Encode(writePayload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

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

    private static string Encode(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }
        return Base64Url(buffer.WrittenSpan);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='));
    }
}
