using System.Text.Json;
using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;
using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CircularPartners.DataSpace.Connector.DigitalLink;

/// <summary>
/// The GS1 Digital Link resolver on the REST port: <c>GET /01/{gtin}[/10/{lot}][/21/{serial}]</c>.
/// Anonymous and rate-limited like the public view (same switch, same per-address budget, nothing
/// kept about the reader). Answers the public view as JSON, as an HTML page for browsers, as an
/// RFC 9264 linkset (<c>linkType=all</c> or <c>Accept: application/linkset+json</c>), or a 307 to
/// the link of the type asked for (<c>linkType=gs1:pip</c>, ...).
/// </summary>
internal static class DigitalLinkEndpoints
{
    public const string LinksetMediaType = "application/linkset+json";
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static WebApplication MapDigitalLink(this WebApplication app)
    {
        app.MapGet("/01/{gtin}/{**qualifiers}", ResolveAsync)
            .AllowAnonymous()
            .RequireRateLimiting(PublicViewOptions.RateLimitPolicy)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ResolveAsync(HttpContext http, ProductResolver resolver, IOptions<PublicViewOptions> options)
    {
        http.Response.Headers.Vary = HeaderNames.Accept;
        if (!options.Value.Enabled)
        {
            await ErrorAsync(http, StatusCodes.Status403Forbidden, PublicViewOptions.DisabledRule, "This connector's operator has switched the public view off.");
            return;
        }
        var segments = RawSegments(http);
        var parse = DigitalLinkPath.Parse(segments[1], segments[2..]);
        if (parse.Path is not { } path)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, parse.Code!, parse.Message!);
            return;
        }
        var passport = await resolver.ResolveAsync(path, http.RequestAborted);
        if (passport is null)
        {
            await ErrorAsync(http, StatusCodes.Status404NotFound, "not_found",
                $"No active passport on this connector carries the GS1 keys {path.ToPath()}.");
            return;
        }
        var baseUrl = BaseUrl(http, options.Value);
        var title = ProductTitle(passport);
        var links = ProductLinks.For(baseUrl, path, passport, title);
        http.Response.Headers.Append(HeaderNames.Link, $"<{links.Anchor}?linkType=all>; rel=\"linkset\"; type=\"{LinksetMediaType}\"");
        var linkType = http.Request.Query["linkType"].ToString();
        if (linkType == "all" || (linkType.Length == 0 && Negotiate(http.Request) == Representation.Linkset))
        {
            http.Response.ContentType = LinksetMediaType;
            await http.Response.WriteAsync(links.ToLinkset().ToJsonString(), http.RequestAborted);
            return;
        }
        if (linkType.Length > 0)
        {
            if (links.Find(linkType) is not { } link)
            {
                await ErrorAsync(http, StatusCodes.Status404NotFound, "unknown_link_type",
                    $"This product has no link of type '{linkType}'; linkType=all lists the ones it has.");
                return;
            }
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = link.Href;
            return;
        }
        if (Negotiate(http.Request) == Representation.Html)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = ProductPage.ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await http.Response.WriteAsync(ProductPage.Render(passport, links, title), http.RequestAborted);
            return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Formatter.Format(PassportMapper.ToWire(passport)), http.RequestAborted);
    }

    /// <summary>
    /// The path's segments still percent-encoded, so that an encoded slash inside a lot or serial
    /// stays part of its value: <c>["01", gtin, key, value, ...]</c>.
    /// </summary>
    private static string[] RawSegments(HttpContext http)
    {
        // Kestrel gives the raw target; otherwise the path re-encoded (valid %XX sequences are kept as they are).
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = raw is { Length: > 0 } && raw[0] == '/' ? raw : http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent();
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The route matched /01/{gtin}: the first "01" after the path base is the key.
        var pathBaseSegments = (http.Request.PathBase.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return segments[Array.IndexOf(segments, "01", pathBaseSegments)..];
    }

    private static string BaseUrl(HttpContext http, PublicViewOptions options) =>
        !string.IsNullOrEmpty(options.BaseUrl) ? options.BaseUrl.TrimEnd('/')
        : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static string ProductTitle(PassportRecord passport)
    {
        using var document = JsonDocument.Parse(passport.Json);
        return document.RootElement.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object
            && product.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()! : passport.PassportId;
    }

    private enum Representation
    {
        Json,
        Html,
        Linkset,
    }

    /// <summary>
    /// What the client prefers: the linkset only when it names it; HTML when it rates text/html
    /// above JSON (a browser); JSON otherwise (curl's <c>*/*</c>, API clients).
    /// </summary>
    private static Representation Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType, bool exactOnly)
        {
            var best = 0.0;
            foreach (var range in accept)
            {
                var exact = range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
                var matches = exact || (!exactOnly && (range.MatchesAllTypes || (range.MatchesAllSubTypes && mediaType.StartsWith(range.Type.Value + "/", StringComparison.OrdinalIgnoreCase))));
                if (matches)
                {
                    best = Math.Max(best, range.Quality ?? 1.0);
                }
            }
            return best;
        }
        var linkset = Quality(LinksetMediaType, exactOnly: true);
        var json = Quality("application/json", exactOnly: false);
        var html = Quality("text/html", exactOnly: false);
        return linkset > 0 && linkset >= json && linkset >= html ? Representation.Linkset
            : html > json ? Representation.Html
            : Representation.Json;
    }

    private static Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { error = code, message }), http.RequestAborted);
    }
}
