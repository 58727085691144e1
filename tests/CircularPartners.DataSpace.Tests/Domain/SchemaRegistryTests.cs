using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Support;
using NJsonSchema;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class SchemaRegistryTests
{
    private static readonly HashSet<string> AccessClasses = ["public", "participant", "legitimate-interest", "authority", "owner"];
    private static readonly SchemaRegistry Registry = SchemaRegistry.Load(RepositoryPaths.Schemas);

    [Fact]
    public void Load_ShippedSchemas_FindsCoreAndEveryUseCase()
    {
        Assert.Equal(["battery/1.0", "battery/2.0", "cmp/1.0", "cmp/2.0", "construction/1.0", "construction/2.0", "core/1.0", "core/2.0",
            "office-equipment/1.0", "office-equipment/2.0", "textile/1.0", "textile/2.0"],
            Registry.SchemaIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("core/1.0")]
    [InlineData("cmp/1.0")]
    [InlineData("textile/1.0")]
    [InlineData("construction/1.0")]
    [InlineData("office-equipment/1.0")]
    [InlineData("battery/1.0")]
    [InlineData("core/2.0")]
    [InlineData("cmp/2.0")]
    [InlineData("textile/2.0")]
    [InlineData("construction/2.0")]
    [InlineData("office-equipment/2.0")]
    [InlineData("battery/2.0")]
    public void Schema_EveryPropertyAtEveryDepth_HasAnAccessClass(string schemaId)
    {
        var missing = new List<string>();
        Walk(Registry.Get(schemaId).Schema, "", missing, depth: 0);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("cmp")]
    [InlineData("textile")]
    [InlineData("construction")]
    [InlineData("office-equipment")]
    [InlineData("battery")]
    public void Validate_ShippedExample_HasNoViolations(string useCase)
    {
        var violations = Registry.Validate(Registry.Get(useCase + "/1.0"), RepositoryPaths.Example(useCase));
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("{\"product\":{\"gtin\":\"123\"}}", "/product/gtin", "pattern_mismatch")]
    [InlineData("{\"recycledContentPercent\":101}", "/recycledContentPercent", "number_too_big")]
    [InlineData("{\"lifecycleStage\":\"landfill\"}", "/lifecycleStage", "not_in_enumeration")]
    [InlineData("{\"product\":{\"unknownField\":1}}", "/product/unknownField", "no_additional_properties_allowed")]
    [InlineData("{}", "/economicOperator", "property_required")]
    [InlineData("{\"issuedAt\":\"yesterday\"}", "/issuedAt", null)]
    public void Validate_KeywordWeRelyOn_IsEnforcedWithPointer(string json, string pointer, string? kind)
    {
        var violations = Registry.Validate(Registry.Get("core/1.0"), json);
        Assert.Contains(violations, v => v.Pointer == pointer && (kind is null || v.Kind == kind));
    }

    [Fact]
    public void Load_BrokenSchema_FailsNamingTheFile()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "core"));
        File.WriteAllText(Path.Combine(dir.Path, "core", "1.0.json"), "{\"type\": \"object\", \"properties\": {");

        var ex = Assert.Throws<SchemaLoadException>(() => SchemaRegistry.Load(dir.Path));
        Assert.Contains("1.0.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDirectory_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaRegistry.Load("/nonexistent/schemas"));
        Assert.Contains("Passports:SchemaDirectory", ex.Message, StringComparison.Ordinal);
    }

    private static void Walk(JsonSchema schema, string path, List<string> missing, int depth)
    {
        if (depth > 32)
        {
            return;
        }
        foreach (var (name, property) in schema.Properties)
        {
            var here = path + "/" + name;
            if (property.ExtensionData?.TryGetValue("x-access", out var access) != true || !AccessClasses.Contains(access as string ?? ""))
            {
                missing.Add(here);
            }
            Walk(property.ActualSchema, here, missing, depth + 1);
        }
        if (schema.Item is { } item)
        {
            Walk(item.ActualSchema, path + "/*", missing, depth + 1);
        }
        foreach (var branch in schema.OneOf.Concat(schema.AnyOf))
        {
            Walk(branch.ActualSchema, path, missing, depth + 1);
        }
    }
}
