using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// Who may change the registry, and what a valid entry looks like. Validators report every
/// violation at its request field, so a caller fixes a request in one round trip.
/// </summary>
public static partial class RegistryRules
{
    public const string SecretariatRole = "secretariat";
    public const string SecretariatOnlyRule = "registry.secretariat-only";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")]
    private static partial Regex SlugPath();

    [GeneratedRegex("^[a-z0-9-]+/[0-9]+\\.[0-9]+$")]
    private static partial Regex SchemaId();

    /// <summary>Only the secretariat changes the registry; everyone else reads and proposes.</summary>
    public static void RequireSecretariat(Caller caller, string action)
    {
        if (!caller.HasRole(SecretariatRole))
        {
            throw new PermissionDeniedException(SecretariatOnlyRule,
                $"Only the secretariat changes the use-case registry ({action}); participant '{caller.ParticipantId}' does not hold the '{SecretariatRole}' role. Members may propose a use case instead.");
        }
    }

    public static bool IsCategoryPath(string value) => SlugPath().IsMatch(value);

    public static void ValidateUseCase(UseCase useCase, IReadOnlySet<string> categories, string prefix = "/useCase")
    {
        var violations = new List<Violation>();
        if (!Slug().IsMatch(useCase.Id))
        {
            violations.Add(new($"{prefix}/id", "pattern", "A use-case id is a lowercase slug such as 'battery' or 'office-equipment'."));
        }
        Required(violations, $"{prefix}/nameJa", useCase.NameJa, "The Japanese name is required.");
        Required(violations, $"{prefix}/nameEn", useCase.NameEn, "The English name is required.");
        if (!Enum.IsDefined(useCase.Status))
        {
            violations.Add(new($"{prefix}/status", "enum", "Status is one of concept, introduction, expansion."));
        }
        Each(violations, $"{prefix}/schemaIds", useCase.SchemaIds, id => SchemaId().IsMatch(id) ? null : "A schema id looks like 'battery/1.0'.");
        Categories(violations, $"{prefix}/categoryIds", useCase.CategoryIds, categories);
        Stages(violations, $"{prefix}/stages", useCase.Stages);
        Each(violations, $"{prefix}/members", useCase.Members, m => string.IsNullOrWhiteSpace(m) ? "A member is a participant id." : null);
        Each(violations, $"{prefix}/links", useCase.Links, link =>
            Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null : "A link is an absolute http(s) URL.");
        Throw(violations, $"The use case '{useCase.Id}' is invalid.");
    }

    public static void ValidateCategory(Category category, IReadOnlySet<string> categories)
    {
        var violations = new List<Violation>();
        if (!SlugPath().IsMatch(category.Id))
        {
            violations.Add(new("/category/id", "pattern", "A category id is a lowercase slash path such as 'textiles/apparel'."));
        }
        else if (category.ParentId.Length > 0 && !categories.Contains(category.ParentId))
        {
            violations.Add(new("/category/id", "parent", $"The parent category '{category.ParentId}' is not registered; add it first."));
        }
        Required(violations, "/category/nameEn", category.NameEn, "The English name is required.");
        Throw(violations, $"The category '{category.Id}' is invalid.");
    }

    public static void ValidateProposal(ProposalDraft draft, IReadOnlySet<string> categories)
    {
        var violations = new List<Violation>();
        Required(violations, "/theme", draft.Theme, "A proposal needs a theme.");
        Required(violations, "/outline", draft.Outline, "A proposal needs an outline.");
        Categories(violations, "/categoryIds", draft.CategoryIds, categories);
        Stages(violations, "/stages", draft.Stages);
        Throw(violations, "The proposal is invalid.");
    }

    /// <summary>
    /// The accepted use case's Japanese and English names: those given, else the proposal's theme
    /// in the slot of the language it is written in. A theme never fills the other language's slot;
    /// a name still missing is a violation naming its field.
    /// </summary>
    public static (string NameJa, string NameEn) AcceptedNames(Acceptance acceptance, string theme)
    {
        var themeIsJapanese = IsJapanese(theme);
        var nameJa = Given(acceptance.NameJa) ?? (themeIsJapanese ? theme.Trim() : "");
        var nameEn = Given(acceptance.NameEn) ?? (themeIsJapanese ? "" : theme.Trim());
        var violations = new List<Violation>();
        Required(violations, "/nameJa", nameJa, "The theme is not written in Japanese: give the use case's Japanese name (name_ja).");
        Required(violations, "/nameEn", nameEn, "The theme is written in Japanese: give the use case's English name (name_en).");
        Throw(violations, "The acceptance is invalid.");
        return (nameJa, nameEn);
    }

    /// <summary>Hiragana, katakana (full and half width) or CJK ideographs anywhere in the text.</summary>
    public static bool IsJapanese(string text) =>
        text.Any(c => c is (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uFF66' and <= '\uFF9F'));

    private static string? Given(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void ValidateDecline(string reason)
    {
        var violations = new List<Violation>();
        Required(violations, "/reason", reason, "Declining a proposal needs a reason the proposer can read.");
        Throw(violations, "The decision is invalid.");
    }

    public static void ValidateReport(IReadOnlyList<CoverageCount> counts)
    {
        var violations = new List<Violation>();
        for (var i = 0; i < counts.Count; i++)
        {
            var count = counts[i];
            if (!SlugPath().IsMatch(count.Category))
            {
                violations.Add(new($"/counts/{i}/category", "pattern", "A category is a lowercase slash path such as 'textiles/apparel'."));
            }
            if (!Enum.IsDefined(count.Stage))
            {
                violations.Add(new($"/counts/{i}/stage", "enum", "The lifecycle stage is required."));
            }
            if (count.Passports < 0 || count.LifecycleEvents < 0)
            {
                violations.Add(new($"/counts/{i}", "minimum", "Counts are zero or more."));
            }
        }
        Throw(violations, "The coverage report is invalid.");
    }

    private static void Required(List<Violation> violations, string pointer, string value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new(pointer, "required", message));
        }
    }

    private static void Categories(List<Violation> violations, string pointer, IReadOnlyList<string> ids, IReadOnlySet<string> categories) =>
        Each(violations, pointer, ids, id => categories.Contains(id) ? null : $"The category '{id}' is not registered.");

    private static void Stages(List<Violation> violations, string pointer, IReadOnlyList<LifecycleStage> stages) =>
        Each(violations, pointer, stages, stage => Enum.IsDefined(stage) ? null : "Unknown lifecycle stage.");

    private static void Each<T>(List<Violation> violations, string pointer, IReadOnlyList<T> items, Func<T, string?> check)
    {
        var seen = new HashSet<T>();
        for (var i = 0; i < items.Count; i++)
        {
            if (check(items[i]) is { } message)
            {
                violations.Add(new($"{pointer}/{i}", "invalid", message));
            }
            else if (!seen.Add(items[i]))
            {
                violations.Add(new($"{pointer}/{i}", "duplicate", "Listed twice."));
            }
        }
    }

    private static void Throw(List<Violation> violations, string message)
    {
        if (violations.Count > 0)
        {
            throw new RegistryValidationException(message, violations);
        }
    }
}
