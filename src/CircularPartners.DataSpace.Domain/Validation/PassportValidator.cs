using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// The publish-time checks, cheapest first: size, encoding, JSON syntax and structure, then the
/// schema. Each stage reports every problem it finds in one exception. Validation times go to
/// <paramref name="observer"/> when one is listening.
/// </summary>
public sealed class PassportValidator(SchemaRegistry schemas, PassportOptions options, IValidationObserver? observer = null)
{
    private readonly PassportOptions _options = options;
    private readonly ConcurrentDictionary<string, AccessMap> _access = new(StringComparer.Ordinal);

    public ValidatedPassport Validate(string schemaId, PassportBody body, bool keepUnknownSections = false)
    {
        if (observer is not { Enabled: true })
        {
            return ValidateCore(schemaId, body, keepUnknownSections);
        }
        // A monotonic interval, not a point in time: nothing here depends on the clock's value.
        var started = Stopwatch.GetTimestamp();
        var valid = false;
        try
        {
            var validated = ValidateCore(schemaId, body, keepUnknownSections);
            valid = true;
            return validated;
        }
        finally
        {
            observer.Validated(Stopwatch.GetElapsedTime(started), valid);
        }
    }

    private ValidatedPassport ValidateCore(string schemaId, PassportBody body, bool keepUnknownSections)
    {
        var schema = schemas.Get(schemaId);
        if (body.ByteCount > _options.MaxBodyBytes)
        {
            var message = $"The body is {body.ByteCount} bytes; the limit is {_options.MaxBodyBytes} bytes (setting Passports:MaxBodyBytes).";
            throw new PassportValidationException(message, [new Violation("", "too_large", message)]);
        }
        var text = body.Text ?? BodyDecoder.Decode(body.Bytes.Span);
        using var canonical = CanonicalJson.Canonicalize(text, _options.MaxDepth);

        var violations = schemas.Validate(schema, canonical.Json, keepUnknownSections);
        if (violations.Count > 0)
        {
            throw new PassportValidationException(
                $"The passport violates schema '{schemaId}' in {violations.Count} place(s).", violations);
        }
        var root = canonical.Document.RootElement;
        var idInBody = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("passportId", out var id)
            && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new ValidatedPassport(canonical.Json, canonical.ContentHash, FacetExtractor.Extract(root, schema.UseCase, AccessOf(schema), name => !schemas.IsKnownSection(schema, name)), idInBody)
        {
            EconomicOperator = EconomicOperatorOf(root),
        };
    }

    /// <summary>
    /// The facets of a stored body, with their access levels: for versions stored before levels
    /// existed. A body whose schema is no longer known keeps everything at the owner's level.
    /// </summary>
    public PassportFacets FacetsOf(string schemaId, string useCase, string json)
    {
        using var document = JsonDocument.Parse(json);
        var access = schemas.SchemaIds.Contains(schemaId) ? AccessOf(schemas.Get(schemaId)) : null;
        return FacetExtractor.Extract(document.RootElement, useCase, access,
            schemas.SchemaIds.Contains(schemaId) ? name => !schemas.IsKnownSection(schemas.Get(schemaId), name) : null);
    }

    private AccessMap AccessOf(PassportSchema schema) => _access.GetOrAdd(schema.Id, _ => AccessMap.Build(schema.Layers));

    /// <summary>
    /// The economic operator the passport names: its 法人番号 (1.0's <c>corporateNumber</c>, or a 2.0
    /// identifier in scheme <c>jp-cn</c>), else <c>scheme:id</c> (e.g. <c>lei:5493001KJTIIGC8Y1R12</c>),
    /// the form publishing rights and delegations name it in.
    /// </summary>
    private static string? EconomicOperatorOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("economicOperator", out var economicOperator)
            || economicOperator.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (economicOperator.TryGetProperty("corporateNumber", out var number) && number.ValueKind == JsonValueKind.String)
        {
            return number.GetString();
        }
        if (economicOperator.TryGetProperty("identifier", out var identifier) && identifier.ValueKind == JsonValueKind.Object
            && identifier.TryGetProperty("scheme", out var scheme) && scheme.ValueKind == JsonValueKind.String
            && identifier.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return scheme.GetString() == "jp-cn" ? id.GetString() : $"{scheme.GetString()}:{id.GetString()}";
        }
        return null;
    }
}
