using System.Text.Json;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// UNTP conformity claims as core/2.0 <c>conformityClaims</c>: topic and conformance, the claim's
/// id, description and assessment date, the reference standard and regulation (names, ids, dates,
/// the issuing and administering party by name), each declared value and the evidence link with
/// its SHA-256. A value the target would refuse (a date or country in another form, a non-https
/// link) is left for the report's dropped list, never stored half-right.
/// </summary>
internal static partial class UntpConformity
{
    private const string Claims = "/credentialSubject/conformityClaim";

    public static void Import(UntpReader source)
    {
        if (source.Element(Claims) is not { ValueKind: JsonValueKind.Array } claims)
        {
            return;
        }
        var row = 0;
        for (var i = 0; i < claims.GetArrayLength(); i++)
        {
            var at = $"{Claims}/{i}";
            // The envelope check requires both of a UNTP claim; the target requires both too.
            if (source.String(at + "/conformityTopic") is not { } topic || source.Element(at + "/conformance") is not { ValueKind: JsonValueKind.True or JsonValueKind.False } conforms)
            {
                continue;
            }
            var to = $"/conformityClaims/{row++}";
            source.Map(at + "/conformityTopic", to + "/topic", topic);
            source.Map(at + "/conformance", to + "/conforms", conforms.GetBoolean());
            source.MapString(at + "/id", to + "/id");
            source.MapString(at + "/description", to + "/description");
            MapDate(source, at + "/assessmentDate", to + "/assessmentDate");
            source.MapString(at + "/referenceStandard/id", to + "/standard/id");
            source.MapString(at + "/referenceStandard/name", to + "/standard/name");
            source.MapString(at + "/referenceStandard/issuingParty/name", to + "/standard/issuer");
            MapDate(source, at + "/referenceStandard/issueDate", to + "/standard/issueDate");
            source.MapString(at + "/referenceRegulation/id", to + "/regulation/id");
            source.MapString(at + "/referenceRegulation/name", to + "/regulation/name");
            if (source.String(at + "/referenceRegulation/jurisdictionCountry") is { } country && ImportValues.IsCountry(country))
            {
                source.Map(at + "/referenceRegulation/jurisdictionCountry", to + "/regulation/jurisdictionCountry", country);
            }
            source.MapString(at + "/referenceRegulation/administeredBy/name", to + "/regulation/administeredBy");
            MapDate(source, at + "/referenceRegulation/effectiveDate", to + "/regulation/effectiveDate");
            DeclaredValues(source, at + "/declaredValue", to + "/declaredValues");
            Evidence(source, at + "/conformityEvidence", to + "/evidence");
        }
    }

    private static void DeclaredValues(UntpReader source, string at, string to)
    {
        if (source.Element(at) is not { ValueKind: JsonValueKind.Array } values)
        {
            return;
        }
        var row = 0;
        for (var j = 0; j < values.GetArrayLength(); j++)
        {
            if (source.String($"{at}/{j}/metricName") is not { } metric)
            {
                continue; // the target needs to know what was measured; the row's values are reported as dropped
            }
            var target = $"{to}/{row++}";
            source.Map($"{at}/{j}/metricName", target + "/metric", metric);
            if (source.Number($"{at}/{j}/metricValue/value") is { } value)
            {
                source.Map($"{at}/{j}/metricValue/value", target + "/value", value);
            }
            source.MapString($"{at}/{j}/metricValue/unit", target + "/unit");
            source.MapString($"{at}/{j}/score", target + "/score");
            if (source.Number($"{at}/{j}/accuracy") is { } accuracy and >= 0 and <= 1)
            {
                source.Map($"{at}/{j}/accuracy", target + "/accuracy", accuracy);
            }
        }
    }

    private static void Evidence(UntpReader source, string at, string to)
    {
        if (source.String(at + "/linkURL") is not { } url || !ImportValues.IsHttpsUrl(url))
        {
            return;
        }
        source.Map(at + "/linkURL", to + "/url", url);
        source.MapString(at + "/linkName", to + "/name");
        if (source.String(at + "/hashMethod") == "SHA-256" && source.String(at + "/hashDigest") is { } digest && Sha256().IsMatch(digest))
        {
            source.Map(at + "/hashDigest", to + "/sha256", digest);
            source.Drop(at + "/hashMethod", "names the digest's algorithm (SHA-256)");
        }
    }

    private static void MapDate(UntpReader source, string at, string target)
    {
        if (source.String(at) is { } date && ImportValues.IsDate(date))
        {
            source.Map(at, target, date);
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
