using CircularPartners.DataSpace.Domain.DigitalLink;

namespace CircularPartners.DataSpace.Tests.DigitalLink;

public sealed class GtinTests
{
    [Theory]
    [InlineData("96385074", "00000096385074")]       // GTIN-8
    [InlineData("012345678905", "00012345678905")]   // UPC-A (GTIN-12)
    [InlineData("4569951116179", "04569951116179")]  // JAN-13
    [InlineData("04569987400020", "04569987400020")] // GTIN-14
    public void Normalize_EveryGtinLength_GivesGtin14(string gtin, string gtin14) =>
        Assert.Equal(gtin14, Gtin.Normalize(gtin).Gtin14);

    [Theory]
    [InlineData("96385075", "bad_check_digit")]
    [InlineData("4569951116178", "bad_check_digit")]
    [InlineData("123456789", "bad_length")]
    [InlineData("", "not_digits")]
    [InlineData("４５６９９５１１１６１７９", "not_digits")] // full-width digits are not GS1 digits
    public void Normalize_NotAGtin_SaysWhy(string gtin, string code)
    {
        var check = Gtin.Normalize(gtin);

        Assert.Null(check.Gtin14);
        Assert.Equal(code, check.Code);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/04569987400020/21/TBE-P77-25-000118", "04569987400020", null, "TBE-P77-25-000118")]
    [InlineData("https://example.jp/dpp/01/4569987100128/10/L2506A", "04569987100128", "L2506A", null)]
    [InlineData("https://id.gs1.org/01/04569987100128/22/V1/10/L%2F7", "04569987100128", "L/7", null)]
    public void FromUri_DigitalLinkUri_GivesItsKeys(string uri, string gtin, string? lot, string? serial) =>
        Assert.Equal(new DigitalLinkPath(gtin, lot, serial), DigitalLinkPath.FromUri(uri));

    [Theory]
    [InlineData("urn:uuid:6f1c2a9e-3b7d-4e2a-9c51-0d8e4b7a2f13")]
    [InlineData("https://id.gs1.org/01/04569987400021")]
    [InlineData("https://id.gs1.org/01/04569987400020/21/a/10/b")]
    public void FromUri_NoValidKeys_IsNull(string uri) => Assert.Null(DigitalLinkPath.FromUri(uri));
}
