using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// Keyset page tokens: the id of the last passport the caller was shown, authenticated with
/// HMAC-SHA256 under a connector key and bound to the caller and the query's filters. The token
/// carries nothing the caller has not seen (no ordinal, nothing about hidden matches), and one
/// issued to another caller, for other filters, or altered, is refused with the same text.
/// </summary>
public sealed class PageTokens
{
    public const string InvalidMessage = "The page token is invalid or was issued for different filters.";
    private const byte FormatVersion = 1;
    private const int MacBytes = 32;
    private const int MaxTokenChars = 4096;
    private readonly Lazy<byte[]> _key;

    /// <param name="key">Read on first use: replicas that share it accept each other's tokens.</param>
    public PageTokens(Func<byte[]> key) => _key = new Lazy<byte[]>(() => Check(key()));

    /// <summary>A key of its own, for a single process (tests, benchmarks).</summary>
    public static PageTokens WithRandomKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return new PageTokens(() => key);
    }

    internal string Create(string callerId, string fingerprint, string lastPassportId)
    {
        var id = Encoding.UTF8.GetBytes(lastPassportId);
        var token = new byte[1 + id.Length + MacBytes];
        token[0] = FormatVersion;
        id.CopyTo(token, 1);
        Mac(callerId, fingerprint, id, token.AsSpan(1 + id.Length));
        return Convert.ToBase64String(token).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The id of the last passport of the previous page; null for the first page.</summary>
    internal string? Read(string? token, string callerId, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var bytes = Decode(token);
        if (bytes is not null && bytes.Length > 1 + MacBytes && bytes[0] == FormatVersion)
        {
            var id = bytes.AsSpan(1, bytes.Length - 1 - MacBytes);
            Span<byte> expected = stackalloc byte[MacBytes];
            Mac(callerId, fingerprint, id, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacBytes)))
            {
                return Encoding.UTF8.GetString(id);
            }
        }
        throw Invalid();
    }

    internal static PassportValidationException Invalid() =>
        new(InvalidMessage, [new Violation("page_token", "invalid_page_token", InvalidMessage)]);

    private void Mac(string callerId, string fingerprint, ReadOnlySpan<byte> id, Span<byte> destination)
    {
        // Length-prefixed parts, so no choice of caller id and filters can collide with another.
        var caller = Encoding.UTF8.GetBytes(callerId);
        var filters = Encoding.UTF8.GetBytes(fingerprint);
        var message = new byte[1 + 4 + caller.Length + 4 + filters.Length + id.Length];
        message[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), caller.Length);
        caller.CopyTo(message, 5);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(5 + caller.Length), filters.Length);
        filters.CopyTo(message, 9 + caller.Length);
        id.CopyTo(message.AsSpan(9 + caller.Length + filters.Length));
        HMACSHA256.HashData(_key.Value, message, destination);
    }

    private static byte[]? Decode(string token)
    {
        if (token.Length > MaxTokenChars)
        {
            return null;
        }
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Check(byte[] key) =>
        key.Length >= 32 ? key : throw new ArgumentException("A page-token key needs at least 32 bytes.", nameof(key));
}
