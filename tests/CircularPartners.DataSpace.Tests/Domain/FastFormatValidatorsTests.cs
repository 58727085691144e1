using CircularPartners.DataSpace.Domain.Validation;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation.FormatValidators;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>The fast date and date-time checks give NJsonSchema's answer on every input.</summary>
public sealed class FastFormatValidatorsTests
{
    public static TheoryData<string> DateTimes() =>
    [
        "2025-07-01T09:00:00+09:00", "2025-07-01T09:00:00Z", "2025-07-01t09:00:00z", "2025-07-01T09:00:00.123456789-05:30",
        "2025-13-45T25:61:61+99:99", "2025-07-01 09:00:00Z", "2025-07-01T09:00:00", "2025-07-01T09:00", "2025-07-01",
        "2025-07-01T09:00:00.Z", "2025-07-01T09:00:00+0900", "2025-07-01T09:00:00Z\n", "２０２５-07-01T09:00:00Z", "", "x",
        "2025-07-01T09:00:00+09:00 ", "20250701", "2025", "2025-07", "2025-07-01T09:00:00.5+09:00",
    ];

    public static TheoryData<string> Dates() =>
    [
        "2025-07-01", "2024-02-29", "2025-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2025-00-10", "2025-12-32",
        "2025-04-31", "2025-1-01", "2025-07-01 ", "２０２５-07-01", "2025/07/01", "", "2025-07-01T00:00:00Z",
    ];

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void DateTime_AnyInput_SameAnswerAsStock(string value)
    {
        var stock = new DateTimeFormatValidator();
        Assert.Equal(stock.IsValid(value, JTokenType.String), new FastFormatValidators.FastDateTime(stock).IsValid(value, JTokenType.String));
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void Date_AnyInput_SameAnswerAsStock(string value)
    {
        var stock = new DateFormatValidator();
        Assert.Equal(stock.IsValid(value, JTokenType.String), new FastFormatValidators.FastDate(stock).IsValid(value, JTokenType.String));
    }

    [Fact]
    public void Date_EveryDayOfFourYears_SameAnswerAsStock()
    {
        var stock = new DateFormatValidator();
        var fast = new FastFormatValidators.FastDate(stock);
        for (var year = 2023; year <= 2026; year++)
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                {
                    var value = $"{year:0000}-{month:00}-{day:00}";
                    Assert.Equal(stock.IsValid(value, JTokenType.String), fast.IsValid(value, JTokenType.String));
                }
            }
        }
    }
}
