using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// The publish-time checks, cheapest first: size, encoding, JSON syntax and structure, then the
/// schema. Each stage reports every problem it finds in one exception.
/// </summary>
public sealed class PassportValidator(SchemaRegistry schemas, PassportOptions options)
{
    private readonly PassportOptions _options = options;

    public ValidatedPassport Validate(string schemaId, PassportBody body)
    {
        var schema = schemas.Get(schemaId);
        if (body.ByteCount > _options.MaxBodyBytes)
        {
            var message = $"The body is {body.ByteCount} bytes; the limit is {_options.MaxBodyBytes} bytes (setting Passports:MaxBodyBytes).";
            throw new PassportValidationException(message, [new Violation("", "too_large", message)]);
        }
        var text = body.Text ?? BodyDecoder.Decode(body.Bytes.Span);
        using var canonical = CanonicalJson.Canonicalize(text, _options.MaxDepth);

        var violations = SchemaRegistry.Validate(schema, canonical.Json);
        if (violations.Count > 0)
        {
            throw new PassportValidationException(
                $"The passport violates schema '{schemaId}' in {violations.Count} place(s).", violations);
        }
        var root = canonical.Document.RootElement;
        var idInBody = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("passportId", out var id)
            && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new ValidatedPassport(canonical.Json, canonical.ContentHash, FacetExtractor.Extract(root, schema.UseCase), idInBody)
        {
            EconomicOperator = EconomicOperatorOf(root),
        };
    }

    private static string? EconomicOperatorOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("economicOperator", out var economicOperator)
        && economicOperator.ValueKind == JsonValueKind.Object && economicOperator.TryGetProperty("corporateNumber", out var number)
        && number.ValueKind == JsonValueKind.String ? number.GetString() : null;
}
