using System.CommandLine;
using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// The sovereign-sharing commands (see docs/sharing.md): <c>offer</c>, <c>catalog</c>,
/// <c>negotiate</c>, <c>negotiations</c>, <c>agreements</c>, <c>token</c>, <c>federated</c> and
/// <c>audit</c>. They sit at the top level because each is one step of the walkthrough.
/// </summary>
internal static class SharingCommands
{
    // The connector's closed vocabularies (SharingVocabulary); checked here too so a typo is a
    // usage error before anything is sent.
    public static readonly string[] Purposes = ["recycling", "repair", "reuse", "remanufacture", "compliance", "research"];
    public static readonly string[] Roles = ["arterial", "venous", "secretariat", "authority"];
    public static readonly string[] AccessClasses = ["public", "participant", "legitimate-interest", "authority"];

    public static IEnumerable<Command> Create(CommandRunner runner) =>
    [
        OfferCommands.Create(runner),
        OfferCommands.Catalog(runner),
        NegotiationCommands.Negotiate(runner),
        NegotiationCommands.List(runner),
        AgreementCommands.Create(runner),
        AgreementCommands.Token(runner),
        FederatedCommands.Create(runner),
        AuditCommands.Create(runner),
    ];

    public static SharingService.SharingServiceClient Client(CommandContext context) => new(context.Invoker);

    /// <summary>Makes every value of <paramref name="option"/> one of <paramref name="allowed"/>, with a one-line error.</summary>
    public static T OneOf<T>(T option, string what, IReadOnlyCollection<string> allowed)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !allowed.Contains(t.Value)))
            {
                result.AddError($"unknown {what} '{token.Value}' ({option.Name}): expected one of {string.Join(", ", allowed)}.");
            }
        });
        return option;
    }

    /// <summary>A point in time given as an ISO 8601 date or date-time; UTC unless it names an offset.</summary>
    public static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return time;
            }

            result.AddError($"invalid {name} '{text}': expected an ISO 8601 date or date-time, e.g. 2027-03-31 or 2027-03-31T09:00:00+09:00.");
            return null;
        },
    };
}
