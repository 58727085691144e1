using System.Globalization;

namespace CircularPartners.DataSpace.Domain.Goals.Import;

/// <summary>Cell values as spreadsheets write them: dates with - or /, numbers with thousands separators, lists.</summary>
internal static class ImportCells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd"];
    private static readonly char[] ListSeparators = [';', '|', '、', '；', '\n'];

    /// <summary>A calendar date (as midnight UTC), a date-time with offset, or null when the cell is not one.</summary>
    public static DateTimeOffset? Date(string cell)
    {
        if (DateOnly.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        return cell.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : null;
    }

    /// <summary>Null for an empty cell; NaN for one that is not a number.</summary>
    public static double? Number(string cell)
    {
        var text = cell.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    /// <summary>0 for an empty cell, -1 for one that is not a year.</summary>
    public static int Year(string cell) =>
        cell.Length == 0 ? 0 : int.TryParse(cell.TrimEnd('年'), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : -1;

    public static IReadOnlyList<string> List(string cell) =>
        [.. cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
