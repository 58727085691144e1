using CircularPartners.DataSpace.Cli;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>What one <c>cpds</c> run printed, and its exit code.</summary>
public sealed record CliResult(int Exit, string Stdout, string Stderr);

/// <summary>Runs the <c>cpds</c> CLI in-process against a test host, as a participant with a credential file of its own.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunCliAsync(this ConnectorHost host, string participantId, string[] roles, params string[] args)
    {
        using var work = new TempDirectory();
        var credential = Path.Combine(work.Path, "credential.jwt");
        await File.WriteAllTextAsync(credential, host.CredentialFor(participantId, roles));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = host.Channel();
        var exit = await CliApp.RunAsync([.. args, "--credential", credential], stdout, stderr, _ => channel);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
