using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Publishing;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers who may publish on this connector: the operator, its delegations, the publish policy and limits.</summary>
internal static class PublishingServiceCollectionExtensions
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectorOptions>, ConnectorOperatorValidator>();
        services.AddOptions<PublishingOptions>().Bind(configuration.GetSection(PublishingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublishingOptions>, PublishingOptionsValidator>();
        services.AddSingleton(sp => Settings(
            sp.GetRequiredService<IOptions<ConnectorOptions>>().Value,
            sp.GetRequiredService<IOptions<PublishingOptions>>().Value,
            sp.GetRequiredService<IOptions<IdentityOptions>>().Value));
        // Delegations live beside the sharing state, in whichever store holds it (file or Azure Blob).
        services.AddSingleton(sp => sp.GetRequiredService<ISharingStore>() as IDelegationStore
            ?? throw new InvalidOperationException("The sharing store keeps no publishing delegations."));
        services.AddSingleton<PublishPolicy>();
        services.AddSingleton<PublishDelegations>();
        services.AddSingleton(sp => new PublishRateLimiter(sp.GetRequiredService<IOptions<PublishingOptions>>().Value));
        services.AddSingleton<IPublishLimiter>(sp => sp.GetRequiredService<PublishRateLimiter>());
        return services;
    }

    /// <summary>The development profile runs with no configured issuer (see <see cref="TrustedIssuerFactory"/>).</summary>
    public static bool IsDevelopmentProfile(IdentityOptions identity) => string.IsNullOrWhiteSpace(identity.Issuer);

    private static PublishSettings Settings(ConnectorOptions connector, PublishingOptions publishing, IdentityOptions identity)
    {
        var development = IsDevelopmentProfile(identity);
        var operatorId = string.IsNullOrWhiteSpace(connector.Operator) ? DevelopmentIdentity.ParticipantId : connector.Operator.Trim();
        IReadOnlyList<string> identifiers = publishing.OperatorIdentifiers.Length == 0 && development
            ? [PublishPolicy.AnyIdentifier]
            : [.. publishing.OperatorIdentifiers.Select(i => i.Trim()).Where(i => i.Length > 0)];
        return new PublishSettings(operatorId, identifiers);
    }
}

/// <summary>Outside the development profile the connector must be told whom it runs for.</summary>
internal sealed class ConnectorOperatorValidator(IOptions<IdentityOptions> identity) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options) =>
        string.IsNullOrWhiteSpace(options.Operator) && !PublishingServiceCollectionExtensions.IsDevelopmentProfile(identity.Value)
            ? ValidateOptionsResult.Fail(
                "Connector:Operator must name the participant this connector runs for (its participant id; Helm: connector.operator). "
                + "Only the operator and the participants it delegates to publish passports here.")
            : ValidateOptionsResult.Success;
}

/// <summary>Reports every publishing setting that cannot work, each by name.</summary>
internal sealed class PublishingOptionsValidator(IOptions<PassportOptions> passports) : IValidateOptions<PublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishingOptions options)
    {
        var errors = new List<string>();
        if (options.BytesPerWindow < passports.Value.MaxBodyBytes)
        {
            errors.Add($"Publishing:BytesPerWindow ({options.BytesPerWindow}) must be at least Passports:MaxBodyBytes ({passports.Value.MaxBodyBytes}), "
                + "or the largest accepted passport could never be published (Helm: publishing.bytesPerWindow).");
        }
        if (options.OperatorIdentifiers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Publishing:OperatorIdentifiers holds an empty identifier (Helm: publishing.operatorIdentifiers).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
