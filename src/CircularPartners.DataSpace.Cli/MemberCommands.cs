using System.CommandLine;
using System.Security.Cryptography;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds member ...</c>: the membership registry on the secretariat's connector (set
/// <c>--connector</c> to it): join and leave, credentials issued and revoked, signing keys.
/// </summary>
internal static class MemberCommands
{
    public static Command Create(CommandRunner runner) =>
        new("member", "Membership on the secretariat's connector: join, leave, credentials, signing keys, CSV import")
        {
            Join(runner), Leave(runner), Get(runner), List(runner), Credential(runner), Keys(runner), MemberImportCommand.Create(runner),
        };

    private static MembershipService.MembershipServiceClient Client(CommandContext context) => new(context.Invoker);

    private static Command Join(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Participant id (法人番号, 13 digits, or another registered id)" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var kind = new Option<string>("--kind") { Description = "company, municipality, university, school, research, association, government, other", DefaultValueFactory = _ => "company" };
        var industry = new Option<string?>("--industry") { Description = "Industry class: its code or Japanese or English name (see docs/goals.md)" };
        var roles = SharingCommands.OneOf(new Option<string[]>("--role") { Description = "arterial, venous, secretariat, authority (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false }, "role", SharingCommands.Roles);
        var address = new Option<string>("--address") { Description = "The participant's connector gRPC address", HelpName = "URL", Required = true };
        var command = new Command("join", "Register a participant (secretariat only)") { id, name, kind, industry, roles, address };
        runner.Bind(command, async (parseResult, context) =>
        {
            var participant = new Participant
            {
                ParticipantId = parseResult.GetRequiredValue(id),
                Name = parseResult.GetRequiredValue(name),
                Kind = parseResult.GetValue(kind) ?? "company",
                Industry = parseResult.GetValue(industry) ?? "",
                ConnectorAddress = parseResult.GetRequiredValue(address),
            };
            participant.Roles.AddRange(parseResult.GetValue(roles) ?? []);
            var joined = await Client(context).JoinAsync(new JoinRequest { Participant = participant }, context.CallOptions());
            return Write(context, joined, $"joined {joined.ParticipantId} ({string.Join(", ", joined.Roles)}) at {joined.ConnectorAddress}");
        });
        return command;
    }

    private static Command Leave(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Participant id" };
        var reason = new Option<string?>("--reason") { Description = "Why" };
        var command = new Command("leave", "Leave the data space (the participant itself, or the secretariat); its credentials stop working everywhere") { id, reason };
        runner.Bind(command, async (parseResult, context) =>
        {
            var left = await Client(context).LeaveAsync(
                new LeaveRequest { ParticipantId = parseResult.GetRequiredValue(id), Reason = parseResult.GetValue(reason) ?? "" }, context.CallOptions());
            return Write(context, left, $"{left.ParticipantId} left");
        });
        return command;
    }

    private static Command Get(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Participant id" };
        var command = new Command("get", "Show one participant") { id };
        runner.Bind(command, async (parseResult, context) =>
        {
            var participant = await Client(context).GetParticipantAsync(new GetParticipantRequest { ParticipantId = parseResult.GetRequiredValue(id) }, context.CallOptions());
            return Write(context, participant, Describe(participant));
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var role = new Option<string?>("--role") { Description = "Only participants with this role" };
        var command = new Command("list", "List the participants") { role };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await Client(context).ListParticipantsAsync(new ListParticipantsRequest { Role = parseResult.GetValue(role) ?? "" }, context.CallOptions());
            return Write(context, response, string.Join(Environment.NewLine, response.Participants.Select(Describe)));
        });
        return command;
    }

    private static Command Credential(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Participant id" };
        var hours = new Option<int?>("--lifetime-hours") { Description = "Lifetime in hours (default 24, at most 8760)" };
        var audience = new Option<string?>("--audience") { Description = "Audience of the connectors it is for (default: the secretariat connector's)" };
        var issue = new Command("issue", "Issue a membership credential (secretariat only); stdout is the JWT alone") { id, hours, audience };
        runner.Bind(issue, async (parseResult, context) =>
        {
            var credential = await Client(context).IssueCredentialAsync(new IssueCredentialRequest
            {
                ParticipantId = parseResult.GetRequiredValue(id),
                LifetimeHours = parseResult.GetValue(hours) ?? 0,
                Audience = parseResult.GetValue(audience) ?? "",
            }, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(credential) : credential.Token);
            if (!context.Json)
            {
                context.Error.WriteLine($"credential {credential.CredentialId}, expires {PassportFormatter.Time(credential.ExpiresAt)}");
            }
            return ExitCodes.Success;
        });

        var credentialId = new Argument<string>("CREDENTIAL") { Description = "Credential id (the jti)" };
        var reason = new Option<string?>("--reason") { Description = "Why" };
        var revoke = new Command("revoke", "Revoke one credential (secretariat only); refused everywhere from the next call") { credentialId, reason };
        runner.Bind(revoke, async (parseResult, context) =>
        {
            var revocation = await Client(context).RevokeCredentialAsync(new RevokeCredentialRequest
            {
                CredentialId = parseResult.GetRequiredValue(credentialId),
                Reason = parseResult.GetValue(reason) ?? "",
            }, context.CallOptions());
            return Write(context, revocation, $"revoked credential {revocation.CredentialId} (sequence {revocation.Sequence})");
        });
        return new Command("credential", "Membership credentials: issue, revoke") { issue, revoke };
    }

    private static Command Keys(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Participant id" };
        var key = new Option<string>("--key") { Description = "PEM file with the key (private or public; only the public half is sent)", HelpName = "PEM", Required = true };
        var add = new Command("add", "Register a public signing key (for lifecycle events) for a participant; keeps the ones registered") { id, key };
        runner.Bind(add, async (parseResult, context) =>
        {
            var participantId = parseResult.GetRequiredValue(id);
            var publicKey = PublicKeyPem(parseResult.GetRequiredValue(key));
            var client = Client(context);
            var current = await client.GetParticipantAsync(new GetParticipantRequest { ParticipantId = participantId }, context.CallOptions());
            var update = new UpdateParticipantRequest { ParticipantId = participantId };
            update.SigningKeys.AddRange(current.SigningKeys.Where(k => k.Trim() != publicKey.Trim()));
            update.SigningKeys.Add(publicKey);
            var updated = await client.UpdateParticipantAsync(update, context.CallOptions());
            return Write(context, updated, $"{updated.ParticipantId} has {updated.SigningKeys.Count} signing key(s)");
        });
        return new Command("keys", "Signing keys registered for a participant") { add };
    }

    private static string PublicKeyPem(string path)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(path));
            return key.ExportSubjectPublicKeyInfoPem();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new CliUsageException($"cannot read an EC key from {path} (--key): {ex.Message}");
        }
    }

    private static string Describe(Participant p) =>
        $"{p.ParticipantId}  {p.Name}  {p.Kind}  {string.Join(",", p.Roles)}  {p.ConnectorAddress}  {p.Status}";

    private static int Write(CommandContext context, Google.Protobuf.IMessage message, string text)
    {
        context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(message) : text);
        return ExitCodes.Success;
    }
}
