using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Identifiers;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// Issue 17 §1–3, 8: identifiers with schemes and check digits, closed documents, and the 2.0
/// schemas beside the unchanged 1.0 ones.
/// </summary>
public sealed class IdentifierSchemesTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.Load(RepositoryPaths.Schemas);
    private static readonly string[] UseCases = ["cmp", "textile", "construction", "office-equipment", "battery"];

    private static JsonObject Example2(string useCase) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", useCase + ".json")))!.AsObject();

    private static IReadOnlyList<Violation> Validate(string schemaId, JsonNode body) => Registry.Validate(Registry.Get(schemaId), body.ToJsonString());

    [Theory]
    [InlineData("7439-92-1", true)] // lead
    [InlineData("7440-48-4", true)] // cobalt
    [InlineData("7439-92-2", false)]
    [InlineData("50-00-0", true)] // formaldehyde
    [InlineData("not-a-cas", false)]
    public void IsCasNumber_CheckDigit_IsVerified(string value, bool valid) => Assert.Equal(valid, CheckDigits.IsCasNumber(value));

    [Theory]
    [InlineData("4010001123456", true)]
    [InlineData("5010001123456", false)]
    [InlineData("4569987400013", false)] // a GLN (13 digits) whose digits fail the 法人番号 check; the scheme says which it is
    public void IsJapaneseCorporateNumber_CheckDigit_IsVerified(string value, bool valid) => Assert.Equal(valid, CheckDigits.IsJapaneseCorporateNumber(value));

    [Theory]
    [InlineData("5493001KJTIIGC8Y1R12", true)] // Bloomberg Finance L.P.'s published LEI
    [InlineData("5493001KJTIIGC8Y1R13", false)]
    [InlineData("5493001kjtiigc8y1r12", false)]
    public void IsLei_Iso7064_IsVerified(string value, bool valid) => Assert.Equal(valid, CheckDigits.IsLei(value));

    [Theory]
    [InlineData("04569987400020", true)]
    [InlineData("4569987400020", true)]
    [InlineData("04569987400021", false)]
    public void IsGs1Key_CheckDigit_IsVerified(string value, bool valid) => Assert.Equal(valid, CheckDigits.IsGs1Key(value, 8, 12, 13, 14));

    [Theory]
    [InlineData("231-100-4", true)] // lead
    [InlineData("231-100-5", false)]
    public void IsEcNumber_CheckDigit_IsVerified(string value, bool valid) => Assert.Equal(valid, CheckDigits.IsEcNumber(value));

    [Theory]
    [InlineData("cmp")]
    [InlineData("textile")]
    [InlineData("construction")]
    [InlineData("office-equipment")]
    [InlineData("battery")]
    public void Validate_ShippedVersion2Example_HasNoViolations(string useCase) => Assert.Empty(Validate(useCase + "/2.0", Example2(useCase)));

    [Theory]
    [InlineData("lei", "5493001KJTIIGC8Y1R12", true)]
    [InlineData("bpnl", "BPNL00000003AYRE", true)]
    [InlineData("gln", "4912345000019", true)]
    [InlineData("duns", "123456789", true)]
    [InlineData("jp-cn", "4569987400013", false)] // a GLN is refused as a 法人番号
    [InlineData("lei", "5493001KJTIIGC8Y1R13", false)]
    [InlineData("abn", "51824753556", false)]
    public void Validate_OperatorIdentifierScheme_IsCheckedForItsScheme(string scheme, string id, bool valid)
    {
        var body = Example2("battery");
        body["economicOperator"]!["identifier"] = new JsonObject { ["scheme"] = scheme, ["id"] = id };

        var violations = Validate("battery/2.0", body);

        Assert.Equal(valid, violations.Count == 0);
        Assert.All(violations, v => Assert.StartsWith("/economicOperator/identifier", v.Pointer, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("importer", "DE123456789012345", true)]
    [InlineData("importer", "de123", false)]
    [InlineData("euResponsibleOperator", "NL000099998B57", true)]
    public void Validate_ImporterAndEuResponsibleOperator_BesideTheEconomicOperator_AreCheckedForTheirScheme(string party, string id, bool valid)
    {
        var body = Example2("battery");
        body[party] = new JsonObject
        {
            ["identifier"] = new JsonObject { ["scheme"] = party == "importer" ? "eori" : "vat", ["id"] = id },
            ["name"] = "Example Import B.V.",
            ["country"] = "NL",
        };

        var violations = Validate("battery/2.0", body);

        Assert.Equal(valid, violations.Count == 0);
        Assert.All(violations, v => Assert.StartsWith($"/{party}/identifier", v.Pointer, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OtherSchemeWithItsIssuer_IsAccepted()
    {
        var body = Example2("textile");
        body["economicOperator"]!["identifier"] = new JsonObject { ["scheme"] = "other", ["id"] = "51 824 753 556", ["issuer"] = "abn.business.gov.au" };

        Assert.Empty(Validate("textile/2.0", body));
    }

    [Fact]
    public void Validate_WrongCasCheckDigitIn20_IsACheckDigitViolationAtItsPointer()
    {
        var body = Example2("cmp");
        body["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"]![0]!["casNumber"] = "7439-92-2";

        var violation = Assert.Single(Validate("cmp/2.0", body));

        Assert.Equal(("/cmp/article/parts/0/materials/0/substances/0/casNumber", "check_digit"), (violation.Pointer, violation.Kind));
    }

    [Fact]
    public void Validate_Version10Passport_IsUnchangedByThe20Rules()
    {
        var body = JsonNode.Parse(RepositoryPaths.Example("cmp"))!;

        Assert.Empty(Validate("cmp/1.0", body));
        Assert.Contains(Validate("cmp/2.0", body), v => v.Pointer == "/economicOperator/identifier" && v.Kind == "property_required");
    }

    [Fact]
    public void Validate_ForeignSectionOfAnotherUseCase_IsCheckedAgainstItsOwnSchema()
    {
        var body = JsonNode.Parse(RepositoryPaths.Example("cmp"))!.AsObject();
        body["officeEquipment"] = JsonNode.Parse(JsonSerializer.Serialize(JsonNode.Parse(RepositoryPaths.Example("office-equipment"))!["officeEquipment"]));
        body["officeEquipment"]!["reuseRatePercent"] = 620;

        var violations = Validate("cmp/1.0", body);

        Assert.Contains(violations, v => v.Pointer == "/officeEquipment/reuseRatePercent" && v.Kind == "number_too_big");
    }

    [Fact]
    public void Validate_SectionNoSchemaKnows_IsRefusedNamingIt()
    {
        var body = JsonNode.Parse(RepositoryPaths.Example("battery"))!.AsObject();
        body["shoes"] = new JsonObject { ["size"] = 42 };

        var violation = Assert.Single(Validate("battery/1.0", body));

        Assert.Equal(("/shoes", SchemaRegistry.UnknownSectionKind), (violation.Pointer, violation.Kind));
        Assert.Contains("officeEquipment", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_EveryKeywordUsed_IsOneTheValidatorEnforces()
    {
        // NJsonSchema silently ignores const, contains, propertyNames, if/then/else and dependencies
        // (docs: schemas/README.md); a schema using them would pass invalid data.
        HashSet<string> enforced = ["$schema", "$id", "title", "description", "x-access", "type", "properties", "required", "additionalProperties",
            "items", "enum", "pattern", "format", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "oneOf", "anyOf"];
        var used = new HashSet<string>();
        // schemas/sources holds upstream schemas importers check sources against, not ours: what the
        // validator cannot check there is named in each import's schema notes instead.
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Schemas, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("examples", StringComparison.Ordinal) && !f.Contains("sources", StringComparison.Ordinal)))
        {
            Collect(JsonNode.Parse(File.ReadAllText(file))!, used, underProperties: false);
        }

        Assert.Empty(used.Except(enforced));
    }

    private static void Collect(JsonNode node, HashSet<string> used, bool underProperties)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (!underProperties)
                {
                    used.Add(key);
                }
                if (value is not null && key is not ("enum" or "required"))
                {
                    Collect(value, used, underProperties: !underProperties && key == "properties");
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>())
            {
                Collect(item, used, underProperties: false);
            }
        }
    }
}
