using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds offer create</c> (the owner, on its connector) and <c>cpds catalog [PROVIDER]</c> (the
/// offers a connector shows the caller; without PROVIDER, one's own connector, own offers included).
/// </summary>
internal static class OfferCommands
{
    public static Command Create(CommandRunner runner) =>
        new("offer", "Offer part of your passports to other participants under constraints")
        {
            CreateOffer(runner),
        };

    private static Command CreateOffer(CommandRunner runner)
    {
        var passports = new Option<string[]>("--passport") { Description = "Passport id the offer covers; repeat for several", HelpName = "ID" };
        var category = new Option<string?>("--category") { Description = "Category path the offer covers", HelpName = "C" };
        var useCase = new Option<string?>("--use-case") { Description = "Use case the offer covers, e.g. battery", HelpName = "U" };
        var accessClasses = SharingCommands.OneOf(
            new Option<string[]>("--access-class")
            {
                Description = "Access class offered beyond public: participant, legitimate-interest or authority; repeat for several",
                HelpName = "CLASS",
            },
            "access class",
            SharingCommands.AccessClasses);
        var roles = SharingCommands.OneOf(
            new Option<string[]>("--role") { Description = $"Role allowed to see and accept it ({string.Join(", ", SharingCommands.Roles)}); repeat", HelpName = "ROLE" },
            "role",
            SharingCommands.Roles);
        var participants = new Option<string[]>("--participant") { Description = "Participant id allowed; repeat (default: any with an allowed role)", HelpName = "ID" };
        var purposes = SharingCommands.OneOf(
            new Option<string[]>("--purpose")
            {
                Description = $"Purpose agreements may serve ({string.Join(", ", SharingCommands.Purposes)}); repeat",
                HelpName = "PURPOSE",
                Required = true,
            },
            "purpose",
            SharingCommands.Purposes);
        var validFrom = SharingCommands.TimeOption("--valid-from", "The offer is visible from this time");
        var validUntil = SharingCommands.TimeOption("--valid-until", "The offer is visible until this time");
        var usageUntil = SharingCommands.TimeOption("--usage-until", "Agreements made from the offer end at this time");
        var allowEvents = new Option<bool>("--allow-events") { Description = "Consumers may append lifecycle events to the covered passports" };
        var title = new Option<string?>("--title") { Description = "A title consumers see in the catalog", HelpName = "TEXT" };

        var command = new Command("create", "Create an offer: which passports, which access classes, for whom, for which purposes, until when")
        {
            passports, category, useCase, accessClasses, roles, participants, purposes, validFrom, validUntil, usageUntil, allowEvents, title,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(validFrom) is { } from && result.GetValue(validUntil) is { } until && until <= from)
            {
                result.AddError("--valid-until must be after --valid-from.");
            }
        });

        runner.Bind(command, async (parseResult, context) =>
        {
            var constraints = new OfferConstraints
            {
                AllowedRoles = { parseResult.GetValue(roles) ?? [] },
                AllowedParticipants = { parseResult.GetValue(participants) ?? [] },
                Purposes = { parseResult.GetRequiredValue(purposes) },
                ValidFrom = ToTimestamp(parseResult.GetValue(validFrom)),
                ValidUntil = ToTimestamp(parseResult.GetValue(validUntil)),
                UsageEnd = ToTimestamp(parseResult.GetValue(usageUntil)),
                AllowEvents = parseResult.GetValue(allowEvents),
            };
            var request = new CreateOfferRequest
            {
                Selector = new DatasetSelector
                {
                    PassportIds = { parseResult.GetValue(passports) ?? [] },
                    Category = parseResult.GetValue(category) ?? "",
                    UseCase = parseResult.GetValue(useCase) ?? "",
                },
                AccessClasses = { parseResult.GetValue(accessClasses) ?? [] },
                Constraints = constraints,
                Title = parseResult.GetValue(title) ?? "",
            };
            var offer = await SharingCommands.Client(context).CreateOfferAsync(request, context.CallOptions());
            context.Out.WriteLine(context.Json
                ? PassportFormatter.ToJson(offer)
                : $"created offer {offer.OfferId}: {SharingFormatter.Selector(offer.Selector)} for {SharingFormatter.List(offer.Constraints.Purposes)}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Catalog(CommandRunner runner)
    {
        var provider = new Argument<string?>("PROVIDER")
        {
            Description = "The provider's connector address, e.g. http://maker.example:5080 (default: --connector, your own)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("catalog", "The offers a provider's connector shows you, read there with your membership credential") { provider };
        runner.Bind(command, provider, async (_, context) =>
        {
            var catalog = await SharingCommands.Client(context).GetCatalogAsync(new CatalogRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(catalog));
                return ExitCodes.Success;
            }

            context.Console.Write(SharingFormatter.OfferTable(catalog.Offers));
            context.Out.WriteLine($"{catalog.Offers.Count} offer(s) at {context.Connection.Connector}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Timestamp? ToTimestamp(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
