using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using Grpc.Core;
using Microsoft.Extensions.Options;
using D = CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>
/// Counts this connector's passports and lifecycle events per category × stage
/// (<see cref="D.CoverageMeasurement"/>) and reports the counts to the use-case registry: the
/// secretariat's at <c>Identity:RegistryAddress</c> under the reporter's credential, or this
/// connector's own registry when it is the secretariat's. Only counts leave the connector.
/// </summary>
internal sealed class CoverageReporting(PassportIndex index, IEventStore events, PublishSettings publishing, IOptions<IdentityOptions> identity,
    IConnectorChannels channels, IServiceProvider services, TimeProvider time)
{
    public const string OperatorRule = "coverage.operator";

    /// <summary>A registry that does not answer within this is reported unavailable.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Where reports go: the registry's address, or <c>local</c>.</summary>
    public string Registry => identity.Value.RegistryAddress is { Length: > 0 } address ? address : "local";

    /// <summary>Measures and reports; only the connector's operator may report its counts.</summary>
    public async Task<MeasureCoverageResponse> ReportAsync(Caller reporter, string? credential, CancellationToken cancellationToken)
    {
        if (reporter.ParticipantId != publishing.Operator)
        {
            throw new PermissionDeniedException(OperatorRule,
                $"Only this connector's operator '{publishing.Operator}' reports its coverage; '{reporter.ParticipantId}' is not (rule {OperatorRule}).");
        }
        var byPassport = (await events.AllAsync(cancellationToken)).ToLookup(e => e.PassportId, StringComparer.Ordinal);
        var counts = D.CoverageMeasurement.Measure(index.Latest(), passportId => [.. byPassport[passportId]]);
        var wire = counts.Select(RegistryMapper.ToWire).ToList();
        var receipt = Registry == "local"
            ? RegistryMapper.ToWire(await services.GetRequiredService<D.UseCaseRegistry>().ReportCoverageAsync(reporter, counts, cancellationToken))
            : await SendAsync(wire, credential ?? throw new UnauthenticatedException("Reporting to the registry needs a membership credential."), cancellationToken);
        return new MeasureCoverageResponse { Counts = { wire }, Report = receipt, Registry = Registry };
    }

    private async Task<ReportCoverageResponse> SendAsync(List<CoverageCount> counts, string credential, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var client = new RegistryService.RegistryServiceClient(channels.For(Registry));
            return await client.ReportCoverageAsync(new ReportCoverageRequest { Counts = { counts } },
                new Metadata { { "authorization", "Bearer " + credential } }, cancellationToken: budget.Token);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
            || (ex.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested))
        {
            throw new RemoteUnavailableException($"The use-case registry at {Registry} (Identity:RegistryAddress) did not answer ({ex.StatusCode}).", ex);
        }
    }
}
