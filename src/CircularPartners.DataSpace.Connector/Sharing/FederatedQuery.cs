using System.Collections.Concurrent;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Agreement = CircularPartners.DataSpace.Domain.Sharing.Agreement;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// One query, fanned out in parallel to every provider the caller holds an active agreement
/// with. Each provider gets its own time budget, retries and circuit breaker, so a slow or dead
/// provider costs at most its budget and never blocks the others' answers. A passport reachable
/// under several agreements is listed once, under the oldest agreement that returned it.
/// </summary>
internal sealed class FederatedQuery(ConsumerSharing consumer, IConnectorChannels channels, ProviderPipelines pipelines, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public async Task<FederatedQueryResponse> RunAsync(Caller caller, string credential, FederatedQueryRequest request, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromMilliseconds(request.TimeoutMs > 0 ? request.TimeoutMs : 2000);
        var agreements = consumer.ActiveAgreements(caller).OrderBy(a => a.AgreedAt).ThenBy(a => a.AgreementId, StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(agreements.Select(a => AskAsync(caller, credential, a, request, budget, cancellationToken)));
        var response = new FederatedQueryResponse();
        var listed = new HashSet<(string Provider, string PassportId)>();
        foreach (var (status, passports) in answers)
        {
            response.Providers.Add(status);
            response.Passports.Add(passports.Where(p => listed.Add((p.Provider, p.PassportId))));
        }
        return response;
    }

    private async Task<(ProviderResult, IReadOnlyList<FederatedPassport>)> AskAsync(
        Caller caller, string credential, Agreement agreement, FederatedQueryRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        var status = new ProviderResult { Provider = agreement.Provider, ProviderAddress = agreement.ProviderAddress, Status = "ok" };
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var page = await pipelines.For(agreement.ProviderAddress).ExecuteAsync(async token =>
            {
                var access = await TokenForAsync(caller, credential, agreement, token);
                var client = new PassportService.PassportServiceClient(channels.For(agreement.ProviderAddress));
                var headers = new Metadata { { "authorization", "Bearer " + credential }, { ReadAccessResolver.HeaderName, access.Token } };
                return await client.QueryAsync(ToQuery(request, agreement.Provider), headers, cancellationToken: token);
            }, linked.Token);
            status.Count = page.Passports.Count;
            return (status, [.. page.Passports.Select(p => new FederatedPassport
            {
                Provider = agreement.Provider, AgreementId = agreement.AgreementId, PassportId = p.PassportId,
                Version = p.Version, SchemaId = p.SchemaId, ContentHash = p.ContentHash,
            })]);
        }
        // Once the budget is spent, a cancelled call surfaces in several shapes: Polly's own
        // cancellation, the gRPC status, or the gateway's RemoteUnavailableException when the
        // last retry of a token request was the one cut off. All of them mean "no answer in time".
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or RemoteUnavailableException
                or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Unavailable })
        {
            (status.Status, status.Detail) = ("timed_out", $"no answer within {budget.TotalMilliseconds:F0} ms");
        }
        catch (BrokenCircuitException)
        {
            (status.Status, status.Detail) = ("unavailable", "circuit open after repeated failures; not asked");
        }
        catch (Exception ex) when (ex is PermissionDeniedException or RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated })
        {
            (status.Status, status.Detail) = ("denied", ex is RpcException rpc ? rpc.Status.Detail : ex.Message);
            _tokens.TryRemove(agreement.AgreementId, out _);
        }
        catch (Exception ex) when (ex is RemoteUnavailableException or RpcException { StatusCode: StatusCode.Unavailable })
        {
            (status.Status, status.Detail) = ("unavailable", "the provider connector is unreachable");
        }
        catch (Exception ex) when (ex is RpcException or DomainException)
        {
            (status.Status, status.Detail) = ("error", ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message);
        }
        return (status, []);
    }

    /// <summary>Tokens are reused until shortly before they expire: one transfer per agreement, not per query.</summary>
    private async Task<IssuedToken> TokenForAsync(Caller caller, string credential, Agreement agreement, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(agreement.AgreementId, out var cached) && cached.ExpiresAt - time.GetUtcNow() > TimeSpan.FromSeconds(30))
        {
            return cached;
        }
        var fresh = await consumer.RequestTransferAsync(caller, credential, agreement.AgreementId, singleUse: false, cancellationToken);
        _tokens[agreement.AgreementId] = fresh;
        return fresh;
    }

    /// <summary>
    /// Asks for the provider's own passports: a provider connector may host other owners' too, and
    /// its answer with a token no longer leaves those out (a token never narrows what a member sees).
    /// </summary>
    private static QueryRequest ToQuery(FederatedQueryRequest request, string provider) => new()
    {
        Owner = provider,
        Material = { request.Material },
        Cas = { request.Cas },
        Category = request.Category,
        UseCase = request.UseCase,
        PageSize = request.PageSizePerProvider > 0 ? request.PageSizePerProvider : 50,
    };
}
