using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>The connector's fixed goal vocabulary, named in the reader's language.</summary>
internal sealed class VocabularyView(GoalVocabulary? vocabulary)
{
    public GoalVocabulary Terms { get; } = vocabulary ?? new GoalVocabulary();

    public static string Name(VocabularyTerm term) => Localized.Name(term.NameJa, term.NameEn, term.Code);

    public string Industry(string code) => NameIn(Terms.Industries, code);

    public string Indicator(string code) => NameIn(Terms.Indicators, code);

    public string Category(string code) => NameIn(Terms.Categories, code);

    public string Kind(string code) => NameIn(Terms.GoalKinds, code);

    public string Scope(string code) => NameIn(Terms.Scopes, code);

    public string MemberKind(string code) => NameIn(Terms.MemberKinds, code);

    private static string NameIn(IEnumerable<VocabularyTerm> terms, string code) =>
        terms.FirstOrDefault(t => t.Code == code) is { } term ? Name(term) : code;
}
