using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Tests.Domain;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Canonicalize_KeyOrderAndWhitespace_DoNotChangeTheHash()
    {
        using var a = CanonicalJson.Canonicalize("{\"b\": [1, 2.50, {\"y\": true, \"x\": null}], \"a\": \"東京\"}", 64);
        using var b = CanonicalJson.Canonicalize("{\"a\":\"東京\",\n \"b\":[1,2.50,{\"x\":null,\"y\":true}]}", 64);

        Assert.Equal("{\"a\":\"東京\",\"b\":[1,2.50,{\"x\":null,\"y\":true}]}", a.Json);
        Assert.Equal(a.ContentHash, b.ContentHash);
    }

    [Fact]
    public void Canonicalize_DifferentContent_ChangesTheHash()
    {
        using var a = CanonicalJson.Canonicalize("{\"a\":1}", 64);
        using var b = CanonicalJson.Canonicalize("{\"a\":2}", 64);
        Assert.NotEqual(a.ContentHash, b.ContentHash);
    }

    [Fact]
    public void Canonicalize_DuplicateKeys_ReportsEachWithPointer()
    {
        var ex = Assert.Throws<PassportValidationException>(() => CanonicalJson.Canonicalize("{\"a\":{\"k\":1,\"k\":2},\"b/c\":[{\"z\":0,\"z\":0}]}", 64));
        Assert.Equal(["/a/k", "/b~1c/0/z"], ex.Violations.Select(v => v.Pointer));
        Assert.All(ex.Violations, v => Assert.Equal("duplicate_key", v.Kind));
    }

    [Fact]
    public void Canonicalize_TooDeep_ReportsWhereTheLimitIsCrossed()
    {
        // Three levels (object, array, array) are accepted; the fourth crosses the limit of 3.
        CanonicalJson.Canonicalize("{\"a\":[[1]]}", 3).Dispose();
        var ex = Assert.Throws<PassportValidationException>(() => CanonicalJson.Canonicalize("{\"a\":[[[[1]]]]}", 3));
        var violation = Assert.Single(ex.Violations);
        Assert.Equal(("/a/0/0", "too_deep"), (violation.Pointer, violation.Kind));
    }

    [Fact]
    public void Canonicalize_Malformed_ReportsPosition()
    {
        var ex = Assert.Throws<PassportValidationException>(() => CanonicalJson.Canonicalize("{\"a\":\n  tru}", 64));
        Assert.Equal("invalid_json", Assert.Single(ex.Violations).Kind);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
