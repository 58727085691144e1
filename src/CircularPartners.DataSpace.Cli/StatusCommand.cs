using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Grpc.Health.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds status</c>: whom the CLI talks to and as whom: the connector address, whether it and
/// its store are ready, whom it runs for (its operator) and where it stores, whether it accepts the
/// credential, and the participant id and roles it sees in it. Run it first when a command reaches the wrong connector.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", "Show the connector address, whether it is ready and accepts your credential, and who you are (participant id, roles)");
        runner.Bind(command, async (_, context) =>
        {
            var claims = CredentialClaims.Read(context.Connection.Token);
            // Readiness needs no credential: it tells an unreachable connector from a refused credential.
            var health = await new Health.HealthClient(context.Invoker).CheckAsync(
                new HealthCheckRequest { Service = "ready" }, deadline: context.CallOptions().Deadline, cancellationToken: context.CancellationToken);
            // Authenticated like every call: it answers whether this connector accepts the credential, and what the connector is.
            var info = await new DiagnosticsService.DiagnosticsServiceClient(context.Invoker).GetConnectorInfoAsync(new GetConnectorInfoRequest(), context.CallOptions());
            var ready = health.Status == HealthCheckResponse.Types.ServingStatus.Serving;
            if (context.Json)
            {
                var json = new JsonObject
                {
                    ["connector"] = context.Connection.Connector.ToString(),
                    ["operator"] = info.Operator,
                    ["store"] = info.Store,
                    ["storeLocation"] = info.StoreLocation,
                    ["publicView"] = info.PublicView,
                    ["backup"] = info.Backup is { Enabled: true } backup ? new JsonObject
                    {
                        ["target"] = backup.Target,
                        ["backedUpVersions"] = backup.BackedUpVersions,
                        ["pendingVersions"] = backup.PendingVersions,
                        ["lagSeconds"] = backup.LagSeconds,
                        ["damagedVersions"] = backup.DamagedVersions,
                        ["conflictingVersions"] = backup.ConflictingVersions,
                        ["outage"] = backup.Outage.Length > 0 ? backup.Outage : null,
                    } : null,
                    ["ready"] = ready,
                    ["credentialPath"] = context.Connection.CredentialPath,
                    ["credentialAccepted"] = true,
                    ["participantId"] = info.Caller,
                    ["roles"] = new JsonArray([.. info.CallerRoles.Select(r => (JsonNode)r)]),
                    ["issuer"] = claims.Issuer,
                    ["expiresAt"] = claims.ExpiresAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                };
                await context.Out.WriteLineAsync(json.ToJsonString());
            }
            else
            {
                await context.Out.WriteLineAsync($"connector:    {context.Connection.Connector} ({(ready ? "ready" : "not ready: its store does not answer")})");
                await context.Out.WriteLineAsync($"operator:     {info.Operator}");
                await context.Out.WriteLineAsync($"store:        {info.Store} ({info.StoreLocation})");
                await context.Out.WriteLineAsync($"backup:       {DescribeBackup(info.Backup)}");
                await context.Out.WriteLineAsync($"credential:   {context.Connection.CredentialPath} (accepted)");
                await context.Out.WriteLineAsync($"participant:  {info.Caller}");
                await context.Out.WriteLineAsync($"roles:        {string.Join(", ", info.CallerRoles)}");
                await context.Out.WriteLineAsync($"issuer:       {claims.Issuer}");
                await context.Out.WriteLineAsync(
                    $"expires:      {claims.ExpiresAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
            }
            return ready ? ExitCodes.Success : ExitCodes.Unreachable;
        });
        return command;
    }

    private static string DescribeBackup(BackupStatus? backup) => backup is not { Enabled: true }
        ? "off"
        : $"{backup.Target}: {backup.BackedUpVersions} version(s) backed up, {backup.PendingVersions} waiting"
            + (backup.Outage.Length > 0 ? $"; UNREACHABLE: {backup.Outage}" : "")
            + (backup.DamagedVersions + backup.ConflictingVersions > 0 ? $"; {backup.DamagedVersions} damaged here, {backup.ConflictingVersions} held differently there" : "");
}

/// <summary>The claims of a membership credential, read (not verified: the connector verifies) for display.</summary>
internal sealed record CredentialClaims(string ParticipantId, IReadOnlyList<string> Roles, string Issuer, DateTimeOffset? ExpiresAt)
{
    public static CredentialClaims Read(string jwt)
    {
        var parts = jwt.Split('.');
        try
        {
            if (parts.Length != 3)
            {
                throw new FormatException();
            }
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = document.RootElement;
            var roles = root.TryGetProperty("roles", out var r)
                ? r.ValueKind == JsonValueKind.Array ? [.. r.EnumerateArray().Select(e => e.GetString() ?? "")] : new List<string> { r.GetString() ?? "" }
                : [];
            return new CredentialClaims(
                root.TryGetProperty("sub", out var sub) ? sub.GetString() ?? "" : "",
                roles,
                root.TryGetProperty("iss", out var iss) ? iss.GetString() ?? "" : "",
                root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw new CliUsageException("the credential is not a JWT with a readable payload.");
        }
    }
}
