using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.DigitalLink;

/// <summary>
/// Issue 17 item 6: the GS1 Digital Link resolver on the REST port, driven over HTTP against the
/// real host: GTIN-14, JAN-13, lot and serial, check digits, linksets, redirects, the HTML page,
/// and that only what the public view shows ever leaves.
/// </summary>
public sealed class DigitalLinkResolverTests : IClassFixture<DigitalLinkResolverTests.World>
{
    private readonly World _world;

    public DigitalLinkResolverTests(World world) => _world = world;

    /// <summary>One host with a model-, a batch- and an item-level passport, and one withdrawn.</summary>
    public sealed class World : IDisposable
    {
        public const string ModelGtin = "04569987500010";
        public const string WithdrawnGtin = "04569987500027";
        public const string BatchGtin = "04569987100128"; // cmp example, lot L2506A
        public const string ItemGtin = "04569987400020";  // battery example, serial TBE-P77-25-000118
        public const string Serial = "TBE-P77-25-000118";
        public const string HostileName = "Adapter <script>alert('x')</script> & \"more\"";

        public ConnectorHost Host { get; } = new();
        public PassportService.PassportServiceClient Owner { get; }
        public string ModelId { get; } = Passports.IdFor("dl-model");
        public string BatchId { get; } = Passports.IdFor("dl-batch");
        public string ItemId { get; } = Passports.IdFor("dl-item");

        public World()
        {
            Owner = Host.PassportClient(ConnectorHost.DefaultOperator);
            Owner.Publish(Passports.Request("cmp", ModelId, body =>
            {
                var product = body["product"]!.AsObject();
                product["gtin"] = ModelGtin;
                product["name"] = HostileName;
                product.Remove("batchNumber");
                product.Remove("digitalLink");
            }));
            Owner.Publish(Passports.Request("cmp", BatchId, body => body["product"]!.AsObject().Remove("digitalLink")));
            Owner.Publish(Passports.Request("battery", ItemId));
            var withdrawn = Passports.IdFor("dl-withdrawn");
            Owner.Publish(Passports.Request("cmp", withdrawn, body =>
            {
                body["product"]!["gtin"] = WithdrawnGtin;
                body["product"]!.AsObject().Remove("batchNumber");
            }));
            Owner.Withdraw(new WithdrawRequest { PassportId = withdrawn, Reason = "recalled" });
        }

        public void Dispose() => Host.Dispose();
    }

    [Fact]
    public async Task Resolve_Gtin14_AnswersThePublicViewAsJson()
    {
        using var http = _world.Host.CreateClient();

        var response = await http.GetAsync($"/01/{World.ModelGtin}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var passport = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(_world.ModelId, passport["passportId"]!.GetValue<string>());
        Assert.Equal(await PublicJsonAsync(_world.ModelId), passport["json"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("4569987500010")]   // JAN-13 / EAN-13 as printed under the barcode
    [InlineData("04569987500010")]  // GTIN-14
    public async Task Resolve_ShortOrLongForm_FindsTheSamePassport(string gtin)
    {
        using var http = _world.Host.CreateClient();

        var passport = JsonNode.Parse(await http.GetStringAsync($"/01/{gtin}"))!;

        Assert.Equal(_world.ModelId, passport["passportId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_Lot_FindsTheBatchPassport_AndAnUnknownLotFallsBackToNothingFiner()
    {
        using var http = _world.Host.CreateClient();

        var batch = JsonNode.Parse(await http.GetStringAsync($"/01/{World.BatchGtin}/10/L2506A"))!;
        var otherLot = await http.GetAsync($"/01/{World.BatchGtin}/10/L9999Z");

        Assert.Equal(_world.BatchId, batch["passportId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, otherLot.StatusCode); // no model-level passport of that GTIN
    }

    [Fact]
    public async Task Resolve_Serial_FindsTheItemPassport_WithOrWithoutALot()
    {
        using var http = _world.Host.CreateClient();

        var item = JsonNode.Parse(await http.GetStringAsync($"/01/{World.ItemGtin}/21/{World.Serial}"))!;
        var withLot = JsonNode.Parse(await http.GetStringAsync($"/01/{World.ItemGtin}/10/ANY/21/{World.Serial}"))!;

        Assert.Equal(_world.ItemId, item["passportId"]!.GetValue<string>());
        Assert.Equal(_world.ItemId, withLot["passportId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_ItemOfAModelLevelPassport_FallsBackToTheModel()
    {
        using var http = _world.Host.CreateClient();

        var passport = JsonNode.Parse(await http.GetStringAsync($"/01/{World.ModelGtin}/21/SN-1"))!;

        Assert.Equal(_world.ModelId, passport["passportId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("04569987500013", "bad_check_digit")]
    [InlineData("4569987500013", "bad_check_digit")]
    [InlineData("0456998750001", "bad_check_digit")]
    [InlineData("45699875", "bad_check_digit")]
    [InlineData("12345", "bad_length")]
    [InlineData("0456998750001X", "not_digits")]
    public async Task Resolve_InvalidGtin_Is400WithAJsonReason(string gtin, string reason)
    {
        using var http = _world.Host.CreateClient();

        var response = await http.GetAsync($"/01/{gtin}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(reason, error["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Resolve_UnknownQualifier_Is400()
    {
        using var http = _world.Host.CreateClient();

        var response = await http.GetAsync($"/01/{World.ModelGtin}/99/x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown_qualifier", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("04569987500034")] // valid, never published
    [InlineData(World.WithdrawnGtin)]
    public async Task Resolve_UnknownOrWithdrawn_Is404(string gtin)
    {
        using var http = _world.Host.CreateClient();

        var response = await http.GetAsync($"/01/{gtin}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?linkType=all", null)]
    [InlineData("", "application/linkset+json")]
    public async Task Resolve_LinksetAsked_AnswersAnRfc9264Linkset(string query, string? accept)
    {
        using var http = _world.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/01/{World.ItemGtin}/21/{World.Serial}{query}");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await http.SendAsync(request);

        Assert.Equal("application/linkset+json", response.Content.Headers.ContentType?.MediaType);
        var linkset = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["linkset"]!.AsArray();
        var context = Assert.Single(linkset)!.AsObject();
        Assert.Equal($"{http.BaseAddress!.GetLeftPart(UriPartial.Authority)}/01/{World.ItemGtin}/21/{World.Serial}", context["anchor"]!.GetValue<string>());
        foreach (var relation in new[] { "https://gs1.org/voc/pip", "https://schemas.circularpartners.jp/voc/dpp", "https://schemas.circularpartners.jp/voc/publicView",
            "https://schemas.circularpartners.jp/voc/esprRegistryRecord", "https://schemas.circularpartners.jp/voc/connector" })
        {
            var targets = context[relation]!.AsArray();
            Assert.False(string.IsNullOrEmpty(Assert.Single(targets)!["href"]!.GetValue<string>()), relation);
        }
        Assert.Equal(_world.ItemId, context["https://schemas.circularpartners.jp/voc/dpp"]![0]!["href"]!.GetValue<string>());
        Assert.DoesNotContain("TBE-PLANT-TOYOHASHI", linkset.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gs1:pip", "/01/04569987400020/21/TBE-P77-25-000118")]
    [InlineData("cpds:publicView", "/v1/public/passports/")]
    [InlineData("https://schemas.circularpartners.jp/voc/esprRegistryRecord", "/v1/registry-records/")]
    public async Task Resolve_SpecificLinkType_RedirectsToThatLink(string linkType, string expectedPath)
    {
        using var http = _world.Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await http.GetAsync($"/01/{World.ItemGtin}/21/{World.Serial}?linkType={Uri.EscapeDataString(linkType)}");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Contains(expectedPath, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownLinkType_Is404NamingIt()
    {
        using var http = _world.Host.CreateClient();

        var response = await http.GetAsync($"/01/{World.ItemGtin}/21/{World.Serial}?linkType=gs1:recipeInfo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_link_type", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_BrowserAsksForHtml_AnswersAnEscapedPageWithALanguage()
    {
        using var http = _world.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/01/{World.ModelGtin}");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"ja\">ACアダプター 65W", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_EveryRepresentation_CarriesNoRestrictedField()
    {
        using var http = _world.Host.CreateClient();
        var path = $"/01/{World.ItemGtin}/21/{World.Serial}";
        var restricted = await RestrictedValuesAsync(_world.ItemId);
        using var page = new HttpRequestMessage(HttpMethod.Get, path);
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var json = JsonNode.Parse(await http.GetStringAsync(path))!;
        var html = await (await http.SendAsync(page)).Content.ReadAsStringAsync();
        var linkset = JsonNode.Parse(await http.GetStringAsync(path + "?linkType=all"));

        // Compared value by value: a restricted "graphite" may sit beside a public "natural graphite".
        var shown = new HashSet<string>(StringComparer.Ordinal);
        shown.UnionWith(Strings(json));
        shown.UnionWith(Strings(JsonNode.Parse(json["json"]!.GetValue<string>())));
        shown.UnionWith(Strings(linkset));
        shown.UnionWith(Regex.Matches(html, ">([^<]+)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.NotEmpty(restricted);
        Assert.Contains("TBE-PLANT-TOYOHASHI", restricted);
        Assert.Empty(restricted.Intersect(shown));
        Assert.DoesNotContain("TBE-PLANT-TOYOHASHI", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_PublicViewSwitchedOff_IsForbiddenNamingTheRule()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:Enabled"] = "false" });
        host.PassportClient(ConnectorHost.DefaultOperator).Publish(Passports.Request("battery"));
        using var http = host.CreateClient();

        var response = await http.GetAsync($"/01/{World.ItemGtin}/21/{World.Serial}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("public-view.disabled", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_SharesThePublicViewsPerAddressBudget()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:PermitsPerMinute"] = "2" });
        var published = host.PassportClient(ConnectorHost.DefaultOperator).Publish(Passports.Request("battery"));
        using var http = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/01/{World.ItemGtin}/21/{World.Serial}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/public/passports/{published.PassportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync($"/01/{World.ItemGtin}/21/{World.Serial}")).StatusCode);
    }

    private async Task<string> PublicJsonAsync(string passportId) =>
        (await _world.Host.PassportClientWithToken(null).GetPublicAsync(new GetPublicPassportRequest { PassportId = passportId })).Json;

    /// <summary>Every string value of the owner's body that the public view leaves out.</summary>
    private async Task<HashSet<string>> RestrictedValuesAsync(string passportId)
    {
        var full = (await _world.Owner.GetAsync(new GetPassportRequest { PassportId = passportId })).Json;
        var shown = Strings(JsonNode.Parse(await PublicJsonAsync(passportId))).ToHashSet(StringComparer.Ordinal);
        return [.. Strings(JsonNode.Parse(full)).Where(s => !shown.Contains(s) && s.Length > 3)];
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}
