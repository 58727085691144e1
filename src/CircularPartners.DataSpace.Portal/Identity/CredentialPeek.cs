using System.Text.Json;

namespace CircularPartners.DataSpace.Portal.Identity;

/// <summary>The participant, roles and expiry a membership credential names.</summary>
internal sealed record CredentialFacts(string ParticipantId, IReadOnlyList<string> Roles, DateTimeOffset? ExpiresAt);

/// <summary>
/// Reads a credential's claims without checking its signature: the portal only labels the
/// session with them. The connector verifies the credential on every call, so a forged token
/// gets a name on screen and a refusal on the first call.
/// </summary>
internal static class CredentialPeek
{
    public static CredentialFacts? Read(string? token)
    {
        var parts = token?.Trim().Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = payload.RootElement;
            var subject = root.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
            if (string.IsNullOrEmpty(subject))
            {
                return null;
            }
            var roles = root.TryGetProperty("roles", out var r)
                ? r.ValueKind switch
                {
                    JsonValueKind.Array => r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
                    JsonValueKind.String => [r.GetString()!],
                    _ => [],
                }
                : [];
            DateTimeOffset? expires = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            return new CredentialFacts(subject, roles, expires);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static byte[] Base64UrlDecode(string segment)
    {
        var text = segment.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        return Convert.FromBase64String(text);
    }
}
