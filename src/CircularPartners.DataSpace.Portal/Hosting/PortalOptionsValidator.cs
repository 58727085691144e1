using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Portal.Hosting;

/// <summary>Reports every bad setting at start-up, naming the setting to fix.</summary>
internal sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        CheckAddress(options.Connector, "Portal:Connector", failures, required: true);
        CheckAddress(options.Secretariat, "Portal:Secretariat", failures, required: false);
        if (options.CallTimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"Portal:CallTimeoutSeconds must be between 1 and 300 (was {options.CallTimeoutSeconds}).");
        }
        if (options.DevelopmentAutoSignIn && string.IsNullOrWhiteSpace(options.DevelopmentCredential))
        {
            failures.Add("Portal:DevelopmentAutoSignIn needs Portal:DevelopmentCredential (the connector's data/identity/credential.jwt).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAddress(string? value, string setting, List<string> failures, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{setting} is required: the connector's gRPC address, e.g. http://127.0.0.1:5080.");
            }
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"{setting} must be an http:// or https:// address (was '{value}').");
        }
    }
}
