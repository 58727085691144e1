using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Reads a UNTP DPP credential in any of the three forms it travels in: the JSON-LD credential, a
/// compact JWS (<c>vc+jwt</c>, as our export's <c>jws</c>), or an <c>EnvelopedVerifiableCredential</c>
/// whose id is a <c>data:application/vc+jwt,</c> URL; and checks the rules of UNTP's published DPP
/// JSON Schema (0.6.0) in code, because that schema is written in draft 2020-12 keywords
/// (<c>contains</c>, <c>const</c>, <c>prefixItems</c>) the connector's validator ignores.
/// </summary>
internal static class UntpEnvelope
{
    private const string DataUrl = "data:application/vc+jwt,";
    private const string Schema = "untp-dpp-schema-0.6.0.json";

    public static JsonDocument Read(string text, List<string> notes, ICredentialKeys? keys)
    {
        var trimmed = text.Trim();
        var document = trimmed.StartsWith("ey", StringComparison.Ordinal) ? Decode(trimmed, notes, keys) : SourceText.ParseJson(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "EnvelopedVerifiableCredential"
            && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.StartsWith(DataUrl, StringComparison.Ordinal))
        {
            notes.Add("An EnvelopedVerifiableCredential: the credential inside its data: URL was read.");
            var jws = id.GetString()![DataUrl.Length..];
            document.Dispose();
            document = Decode(jws, notes, keys);
        }
        var violations = Check(document.RootElement, notes);
        if (violations.Count > 0)
        {
            document.Dispose();
            throw new PassportValidationException($"The source is not a UNTP digital product passport credential ({violations.Count} problems).", violations);
        }
        notes.Add("UNTP DPP rules the connector's validator cannot enforce (draft 2020-12 contains, const, prefixItems) were checked in code: "
            + "@context (VC 2.0 then a UNTP DPP context), type (DigitalProductPassport, VerifiableCredential), id, issuer id and name, validFrom, "
            + "the product's id and name, each material's name, each conformity claim's id, conformance and conformityTopic.");
        if (Strings(document.RootElement, "@context") is [_, DppContext, ..])
        {
            try
            {
                SourceSchema.Check(Schema, document.RootElement.GetRawText(), "UNTP DPP 0.6.0");
            }
            catch (PassportValidationException)
            {
                document.Dispose();
                throw;
            }
            notes.Add($"Valid against the published UNTP DPP 0.6.0 JSON Schema ({Schema}); formats are checked leniently (uri) or not at all (float, binary).");
        }
        else
        {
            notes.Add("Not a UNTP DPP 0.6.0 credential: the published 0.6.0 JSON Schema was not applied, only the rules above.");
        }
        return document;
    }

    /// <summary>
    /// The payload of a compact JWS. With a known key (<paramref name="keys"/>, by <c>kid</c>) the ES256
    /// signature must verify or the source is refused; with an unknown key the payload is read and the
    /// notes say the signature was not verified.
    /// </summary>
    private static JsonDocument Decode(string jws, List<string> notes, ICredentialKeys? keys)
    {
        var parts = jws.Split('.');
        string? alg, kid, typ;
        try
        {
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            {
                throw new FormatException();
            }
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            alg = Text(header.RootElement, "alg");
            kid = Text(header.RootElement, "kid");
            typ = Text(header.RootElement, "typ");
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw Refused("jws", "The source is neither a JSON credential nor a compact JWS (header.payload.signature) with a JSON payload.");
        }
        if (kid is not null && keys?.PublicKeyPem(kid) is { } pem)
        {
            if (Sharing.CompactJws.Verify(jws, pem, typ ?? "", out var problem) is not { } verified || alg != "ES256")
            {
                throw Refused("signature", $"The credential claims the key '{kid}', which this connector knows, but {problem ?? "it is not signed with ES256"}.");
            }
            notes.Add($"A compact JWS (alg {alg}, typ {typ}): its signature was verified with the known key '{kid}'.");
            return JsonDocument.Parse(verified.GetRawText());
        }
        notes.Add($"A compact JWS (alg {alg}, typ {typ}, kid {kid}): its payload was decoded; its signature was NOT verified, because the key "
            + "is not one this connector knows. Verify it with the issuer's published key before relying on it.");
        try
        {
            return JsonDocument.Parse(Base64Url(parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw Refused("jws", "The payload of the compact JWS is not JSON.");
        }
    }

    private static PassportValidationException Refused(string kind, string message) => new(message, [new Violation("source", kind, message)]);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<Violation> Check(JsonElement root, List<string> notes)
    {
        var violations = new List<Violation>();
        void Require(bool ok, string pointer, string kind, string message)
        {
            if (!ok)
            {
                violations.Add(new Violation(pointer, kind, message));
            }
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return [new Violation("", "type", "A UNTP credential is a JSON object.")];
        }
        var contexts = Strings(root, "@context");
        Require(contexts.Count >= 2 && contexts[0] == VcContext && contexts[1].StartsWith(DppContextPrefix, StringComparison.Ordinal),
            "/@context", "context", $"@context must list {VcContext} then a UNTP DPP context ({DppContext}).");
        if (contexts.Count >= 2 && contexts[1] != DppContext && contexts[1].StartsWith(DppContextPrefix, StringComparison.Ordinal))
        {
            notes.Add($"The credential uses the UNTP DPP context {contexts[1]}; it was mapped by the 0.6.0 terms.");
        }
        var types = Strings(root, "type");
        Require(types.Contains("DigitalProductPassport") && types.Contains("VerifiableCredential"), "/type", "type",
            "type must contain DigitalProductPassport and VerifiableCredential.");
        Require(IsString(root, "id"), "/id", "required", "A credential needs an id.");
        Require(root.TryGetProperty("issuer", out var issuer) && IsString(issuer, "id") && IsString(issuer, "name"), "/issuer", "required",
            "The issuer needs an id and a name.");
        Require(!root.TryGetProperty("validFrom", out var validFrom) || validFrom.ValueKind == JsonValueKind.String && UntpVocabulary.DateTime().IsMatch(validFrom.GetString()!),
            "/validFrom", "format", "validFrom must be an RFC 3339 date-time.");
        if (!root.TryGetProperty("credentialSubject", out var subject) || subject.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new Violation("/credentialSubject", "required", "A UNTP passport needs a credentialSubject (a ProductPassport)."));
            return violations;
        }
        Require(subject.TryGetProperty("product", out var product) && IsString(product, "id") && IsString(product, "name"), "/credentialSubject/product", "required",
            "The ProductPassport needs a product with an id and a name (UNTP DPP 0.6.0).");
        Each(subject, "materialsProvenance", (m, at) => Require(IsString(m, "name"), at, "required", "A material needs a name."));
        Each(subject, "conformityClaim", (c, at) => Require(IsString(c, "id") && c.TryGetProperty("conformance", out var ok) && ok.ValueKind is JsonValueKind.True or JsonValueKind.False
            && IsString(c, "conformityTopic"), at, "required", "A conformity claim needs an id, conformance and a conformityTopic."));
        return violations;
    }

    private static void Each(JsonElement parent, string name, Action<JsonElement, string> check)
    {
        if (parent.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                check(item, $"/credentialSubject/{name}/{i++}");
            }
        }
    }

    private static List<string> Strings(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
        ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
        : [];

    private static bool IsString(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static string Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
