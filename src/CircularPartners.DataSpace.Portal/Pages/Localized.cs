using System.Globalization;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>Picks the name the registry keeps in the reader's language (Japanese unless English was chosen).</summary>
internal static class Localized
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string Name(string nameJa, string nameEn, string fallback) =>
        English ? First(nameEn, nameJa, fallback) : First(nameJa, nameEn, fallback);

    public static string Date(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string First(params string[] candidates) => candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? "";
}
