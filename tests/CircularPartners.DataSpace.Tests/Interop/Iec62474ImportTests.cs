using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 item 4: IEC 62474 XML material declarations import as cmp/2.0 passports with a mapping report, read safely.</summary>
public sealed class Iec62474ImportTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string SampleId = "https://id.gs1.org/01/04569987100135";
    private const string Category = "electrical-and-electronic-equipment/power-supplies";
    private readonly ConnectorHost _host = new();
    private readonly string _sample = File.ReadAllText(Path.Combine(RepositoryPaths.CorpusSamples, "iec62474-ac-adapter.xml"));

    [Fact]
    public async Task ImportPassport_Iec62474Sample_LandsIdsOperatorMaterialsSubstancesAndRecycledContent()
    {
        var imported = await ImportAsync(_sample);

        Assert.Equal((SampleId, "cmp/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync();
        Assert.Equal(("04569987100135", "AC adapter 65 W", "KZ-AD65"), (Text(body, "/product/gtin"), Text(body, "/product/name"), Text(body, "/product/model")));
        Assert.Equal(("duns", "690123457"), (Text(body, "/economicOperator/identifier/scheme"), Text(body, "/economicOperator/identifier/id")));
        Assert.Equal(("Kazemachi Denki Co., Ltd.", "株式会社風町電機", "JP"), (Text(body, "/economicOperator/name"), Text(body, "/economicOperator/nameJa"), Text(body, "/economicOperator/country")));
        Assert.Equal(("2025-06-30T00:00:00Z", "IEC 62474 X8.21"), (Text(body, "/issuedAt"), Text(body, "/cmp/article/declarationStandard")));
        Assert.Equal(18.5, body["recycledContentPercent"]!.GetValue<double>());
        var article = body["cmp"]!["article"]!;
        Assert.Equal(0.245, article["massKg"]!.GetValue<double>());
        Assert.Equal(("IEC62474-DSL", "D38.00"), (Text(article, "/declarableSubstanceLists/0/listId"), Text(article, "/declarableSubstanceLists/0/version")));
        Assert.Equal(["KZ-AD65-H01", "KZ-AD65-C02-S", "KZ-AD65-C02-W", "KZ-AD65-P03"], article["parts"]!.AsArray().Select(p => p!["partId"]!.GetValue<string>()));
        var housing = article["parts"]![0]!["materials"]![0]!;
        Assert.Equal(("polycarbonate", "M-014", 0.062, 30d), (Text(housing, "/materialName"), Text(housing, "/materialClass"),
            housing["massKg"]!.GetValue<double>(), housing["recycledContentPercent"]!.GetValue<double>()));
        var antimony = housing["substances"]![0]!;
        Assert.Equal(("1309-64-4", "00104", "flame retardant synergist"), (Text(antimony, "/casNumber"), Text(antimony, "/substanceGroup"), Text(antimony, "/reportableApplication")));
        Assert.Equal((930d, 1.5, 0.1), (antimony["massMg"]!.GetValue<double>(), antimony["concentrationPercent"]!.GetValue<double>(), antimony["reportingThresholdPercent"]!.GetValue<double>()));
        Assert.Equal("IEC62474-DSL", Text(antimony, "/listReferences/0"));
        var lead = article["parts"]![3]!["materials"]![0]!["substances"]![0]!;
        Assert.Equal(("7439-92-1", "231-100-4", "RoHS Annex III 6(c)"), (Text(lead, "/casNumber"), Text(lead, "/ecNumber"), Text(lead, "/reportableApplication")));
        Assert.Equal((2.5, 3.5), (lead["concentrationRangePercent"]!["min"]!.GetValue<double>(), lead["concentrationRangePercent"]!["max"]!.GetValue<double>()));
        Assert.Equal("Do not grind or heat the plug pins.", Text(lead, "/safeUseInformation"));
    }

    [Fact]
    public async Task ImportPassport_Iec62474Sample_ReportsEveryAttributeMappedOrDropped()
    {
        var imported = await ImportAsync(_sample);

        var reported = imported.Report.Mapped.Select(m => m.Source).Concat(imported.Report.Dropped.Select(d => d.Source)).ToHashSet(StringComparer.Ordinal);
        var values = XmlLeaves(XDocument.Parse(_sample).Root!, "/Main").ToList();
        Assert.True(values.Count > 250, $"only {values.Count} values walked");
        Assert.All(values, v => Assert.Contains(v, reported));
        Assert.All(imported.Report.Dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/Main/BusinessInfo[1]/Response[1]/Contact[1]/@phone" && d.Reason.StartsWith("personal data", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Mapped, m => m.Source.EndsWith("/Substance[1]/SubstanceID[1]/EntryID[1]/@entryIdentity", StringComparison.Ordinal)
            && m.Target == "/cmp/article/parts/0/materials/0/substances/0/casNumber");
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("checked in code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_SameDeclarationAgain_IsAnsweredUnchanged()
    {
        await ImportAsync(_sample);

        var again = await ImportAsync(_sample);

        Assert.True(again.Passport.Unchanged);
        Assert.Equal(1, again.Passport.Version);
    }

    [Fact]
    public async Task QueryByCas_ImportedDeclaration_IsFound()
    {
        await ImportAsync(_sample);

        var found = await _host.PassportClient(Maker).QueryAsync(new QueryRequest { Cas = { "117-81-7" } });

        Assert.Equal(SampleId, Assert.Single(found.Passports).PassportId);
    }

    [Theory]
    [InlineData("copper alloys")]
    [InlineData("M-004")]
    [InlineData("銅")]
    public async Task QueryByMaterial_Iec62474MaterialClassOrSynonym_FindsTheImportedDeclaration(string material)
    {
        await ImportAsync(_sample);

        var found = await _host.PassportClient(Maker).QueryAsync(new QueryRequest { Material = { material } });

        Assert.Equal(SampleId, Assert.Single(found.Passports).PassportId);
    }

    [Fact]
    public async Task ImportPassport_ThresholdRelativeToTheArticle_IsDroppedNotReadAsAMaterialThreshold()
    {
        var article = _sample.Replace("reportableApplication=\"Flame retardant in plastics\" reportingThreshold=\"0.1 mass% in homogeneous material [ReportingLevel:Material]\"",
            "reportableApplication=\"Flame retardant in plastics\" reportingThreshold=\"0.1 mass% of article [ReportingLevel:Article]\"", StringComparison.Ordinal);

        var imported = await ImportAsync(article);

        Assert.Contains(imported.Report.Dropped, d => d.Source == "/Main/Product[1]/Compliance[1]/DsDsg[3]/ComplianceThreshold[1]/@reportingThreshold"
            && d.Reason.Contains("not a % by mass of the homogeneous material", StringComparison.Ordinal));
        Assert.Null((await BodyAsync())["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"]![0]!["reportingThresholdPercent"]);
    }

    [Fact]
    public async Task ImportPassport_SupplierGlnWithWrongCheckDigit_IsDroppedAndASuppliedIdentifierLands()
    {
        var wrong = _sample.Replace("authority=\"DUNS\" identity=\"690123457\"", "authority=\"GLN\" identity=\"4912345000010\"", StringComparison.Ordinal);

        var imported = await _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest
        {
            Source = ByteString.CopyFrom(Encoding.UTF8.GetBytes(wrong)),
            Format = "iec62474",
            Supplied = { ["/product/category"] = Category, ["/economicOperator/identifier"] = """{"scheme":"duns","id":"690123457"}""" },
        });

        Assert.Contains(imported.Report.Dropped, d => d.Source.EndsWith("/SupplyCompany[1]/UniqueID[1]/@identity", StringComparison.Ordinal)
            && d.Reason.Contains("'4912345000010' is not a GLN", StringComparison.Ordinal));
        Assert.Equal("duns", Text(await BodyAsync(), "/economicOperator/identifier/scheme"));
    }

    [Fact]
    public async Task ImportPassport_CasWithWrongCheckDigit_IsDroppedWithTheReasonAndNotIndexed()
    {
        var imported = await ImportAsync(_sample.Replace("\"80-05-7\"", "\"80-05-8\"", StringComparison.Ordinal));

        Assert.Contains(imported.Report.Dropped, d => d.Reason.Contains("'80-05-8' fails its check digit", StringComparison.Ordinal));
        var bisphenol = (await BodyAsync())["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"]![1]!;
        Assert.Equal("Bisphenol A", Text(bisphenol, "/substanceName"));
        Assert.Null(bisphenol["casNumber"]);
        Assert.Empty((await _host.PassportClient(Maker).QueryAsync(new QueryRequest { Cas = { "80-05-8" } })).Passports);
    }

    [Theory]
    [InlineData("<!DOCTYPE Main [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>")]
    [InlineData("<!DOCTYPE Main [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    public async Task ImportPassport_DocumentWithADtd_IsRefusedBeforeAnyEntityIsExpanded(string doctype)
    {
        var hostile = _sample.Replace("<Main ", doctype + "\n<Main ", StringComparison.Ordinal).Replace("annual update", "&c;&xxe;", StringComparison.Ordinal);

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(hostile));

        Assert.Contains("declares a DTD", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "source" && v.Description.Contains("XXE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_NestedDeeperThanTheLimit_IsRefused()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 100)) + string.Concat(Enumerable.Repeat("</x>", 100));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(_sample.Replace("</Main>", deep + "</Main>", StringComparison.Ordinal)));

        Assert.Contains("deeper than 64 levels", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_StructureTheSchemaForbids_IsRefusedWithEveryPointer()
    {
        var broken = _sample.Replace("<Mass mass=\"62\" unitOfMeasure=\"g\" />", "<Mass mass=\"sixty\" unitOfMeasure=\"lb\" />", StringComparison.Ordinal)
            .Replace(" schemaDatabaseVersion=\"X8.21\"", "", StringComparison.Ordinal)
            .Replace("<MassPercent massPercent=\"1.5\" />", "<MassPercent massPercent=\"1.5\" /><Mass mass=\"1\" unitOfMeasure=\"g\" />", StringComparison.Ordinal);

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(broken));

        var violations = RpcAssert.Violations(ex);
        Assert.Contains(violations, v => v.Field == "/Main" && v.Description.Contains("schemaDatabaseVersion", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Field == "/Main/Product[1]/Composition[1]/ProductPart[1]/ProductID[1]/Mass[1]/@mass");
        Assert.Contains(violations, v => v.Field == "/Main/Product[1]/Composition[1]/ProductPart[1]/ProductID[1]/Mass[1]/@unitOfMeasure" && v.Description.Contains("mg, g, kg", StringComparison.Ordinal));
        var misplaced = "/Main/Product[1]/Composition[1]/ProductPart[1]/Material[1]/Substance[1]/Mass[2]";
        Assert.Contains(violations, v => v.Field == misplaced && v.Description.Contains("comes after an element the schema puts after it", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Field == misplaced && v.Description.Contains("at most one 'Mass'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_Utf16WithByteOrderMark_IsDetected()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(_sample.Replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal))).ToArray();

        var imported = await ImportAsync(utf16);

        Assert.Equal(("utf-16le", SampleId), (imported.Report.Encoding, imported.Passport.PassportId));
    }

    [Fact]
    public async Task ImportPassport_ShiftJisNamedInTheDeclaration_IsDecodedWithIt()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding("shift_jis").GetBytes(_sample.Replace("encoding=\"utf-8\"", "encoding=\"Shift_JIS\"", StringComparison.Ordinal));

        var imported = await ImportAsync(sjis);

        Assert.Equal("shift_jis", imported.Report.Encoding);
        Assert.Equal("株式会社風町電機", Text(await BodyAsync(), "/economicOperator/nameJa"));
    }

    [Fact]
    public async Task ImportPassport_Utf16NamedForBytesWithoutByteOrderMark_IsRefused()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => ImportAsync(_sample.Replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal)));

        Assert.Contains("names encoding 'utf-16'", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_PassportImportXml_PublishesWithTheSuppliedCategoryAndPrintsTheReport()
    {
        var (exit, text, stderr) = await _host.RunCliAsync(Maker, ["arterial"],
            "passport", "import", Path.Combine(RepositoryPaths.CorpusSamples, "iec62474-ac-adapter.xml"), "--from", "iec62474",
            "--set", "/product/category=" + Category);

        Assert.True(exit == 0, stderr);
        Assert.Contains($"published {SampleId} version 1 (cmp/2.0)", text, StringComparison.Ordinal);
        Assert.Contains("-> /cmp/article/parts/3/materials/0/substances/0/casNumber", text, StringComparison.Ordinal);
        Assert.Contains("dropped /Main/BusinessInfo[1]/Response[1]/Contact[1]/@phone: personal data", text, StringComparison.Ordinal);
    }

    private Task<ImportPassportResponse> ImportAsync(string xml) => ImportAsync(Encoding.UTF8.GetBytes(xml));

    private async Task<ImportPassportResponse> ImportAsync(byte[] source) =>
        await _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest
        {
            Source = ByteString.CopyFrom(source),
            Format = "iec62474",
            Supplied = { ["/product/category"] = Category },
        });

    private async Task<JsonNode> BodyAsync() =>
        JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = SampleId })).Json)!;

    private static string? Text(JsonNode node, string pointer) =>
        pointer.Split('/').Skip(1).Aggregate((JsonNode?)node, (n, t) => n is JsonArray a ? a[int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)] : n?[t])?.GetValue<string>();

    /// <summary>Every attribute (namespace declarations aside) and non-blank text of the document, as XPath pointers with 1-based positions among same-named siblings.</summary>
    private static IEnumerable<string> XmlLeaves(XElement element, string pointer)
    {
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            var prefix = attribute.Name.Namespace == XNamespace.None ? "" : element.GetPrefixOfNamespace(attribute.Name.Namespace) + ":";
            yield return $"{pointer}/@{prefix}{attribute.Name.LocalName}";
        }
        if (element.Nodes().OfType<XText>().Any(t => t.Value.Trim().Length > 0))
        {
            yield return pointer + "/text()";
        }
        foreach (var group in element.Elements().GroupBy(e => e.Name))
        {
            var i = 0;
            foreach (var child in group)
            {
                foreach (var leaf in XmlLeaves(child, $"{pointer}/{child.Name.LocalName}[{++i}]"))
                {
                    yield return leaf;
                }
            }
        }
    }

    public void Dispose() => _host.Dispose();
}
