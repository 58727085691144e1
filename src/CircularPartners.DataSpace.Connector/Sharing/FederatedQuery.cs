using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
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
/// provider costs at most its budget and never blocks the others' answers. All of a provider's
/// agreements are asked within one execution of its pipeline: its answer is one row, and a
/// half-open circuit's single probe asks for every agreement instead of leaving some "not asked".
/// A passport reachable under several agreements is listed once, under the oldest agreement that
/// returned it.
/// </summary>
internal sealed class FederatedQuery(ConsumerSharing consumer, IConnectorChannels channels, ProviderPipelines pipelines, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public async Task<FederatedQueryResponse> RunAsync(Caller caller, string credential, FederatedQueryRequest request, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromMilliseconds(request.TimeoutMs > 0 ? request.TimeoutMs : 2000);
        var providers = consumer.ActiveAgreements(caller)
            .OrderBy(a => a.AgreedAt).ThenBy(a => a.AgreementId, StringComparer.Ordinal)
            .GroupBy(a => (a.Provider, a.ProviderAddress))
            .Select(g => g.ToList())
            .ToList();
        var answers = await Task.WhenAll(providers.Select(agreements => AskAsync(caller, credential, agreements, request, budget, cancellationToken)));
        var response = new FederatedQueryResponse();
        foreach (var (row, passports) in answers)
        {
            response.Providers.Add(row);
            response.Passports.Add(passports);
        }
        return response;
    }

    private async Task<(ProviderResult, IReadOnlyList<FederatedPassport>)> AskAsync(
        Caller caller, string credential, List<Agreement> agreements, FederatedQueryRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        var provider = agreements[0];
        var ask = new ProviderAsk(agreements);
        using var deadline = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(linked.Token);
        context.Properties.Set(ProviderPipelines.Budget, deadline.Token);
        Outcome? failure = null;
        try
        {
            await pipelines.For(provider.ProviderAddress).ExecuteAsync(async (ctx, state) =>
            {
                state.Asked = true;
                var pending = state.Agreements.Where(a => !state.Pages.ContainsKey(a.AgreementId) && !state.Refusals.ContainsKey(a.AgreementId));
                var failures = await Task.WhenAll(pending.Select(a => AskOneAsync(caller, credential, a, request, state, ctx.CancellationToken)));
                if (failures.FirstOrDefault(f => f is not null) is { } first)
                {
                    state.LastFailure = first;
                    ExceptionDispatchInfo.Throw(first);
                }
            }, context, ask);
        }
        catch (Exception ex) when (ProviderPipelines.IsTimeout(context, ex)
            || (ex is BrokenCircuitException && ask.Asked && ProviderPipelines.IsTimeout(context, ask.LastFailure)))
        {
            failure = new("timed_out", $"no answer within {budget.TotalMilliseconds:F0} ms");
        }
        catch (BrokenCircuitException ex) when (!ask.Asked)
        {
            var retryIn = ex.RetryAfter is { } wait ? $"; probed again within {Math.Ceiling(wait.TotalSeconds):F0} s" : "";
            failure = new("unavailable", "circuit open after repeated failures; not asked" + retryIn);
        }
        catch (Exception ex) when (ex is BrokenCircuitException || ProviderPipelines.IsTransient(ex))
        {
            // A retry that finds the circuit opened by the attempt before it: the provider was asked.
            failure = new("unavailable", "the provider connector is unreachable");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        return Summarise(provider, ask, failure);
    }

    /// <summary>Asks under one agreement; returns the failure when it is the provider's (to retry and count), null otherwise.</summary>
    private async Task<Exception?> AskOneAsync(Caller caller, string credential, Agreement agreement, FederatedQueryRequest request, ProviderAsk state, CancellationToken cancellationToken)
    {
        try
        {
            var access = await TokenForAsync(caller, credential, agreement, cancellationToken);
            var client = new PassportService.PassportServiceClient(channels.For(agreement.ProviderAddress));
            var headers = new Metadata { { "authorization", "Bearer " + credential }, { ReadAccessResolver.HeaderName, access.Token } };
            state.Pages[agreement.AgreementId] = await client.QueryAsync(ToQuery(request, agreement.Provider), headers, cancellationToken: cancellationToken);
            return null;
        }
        catch (Exception ex) when (ProviderPipelines.IsTransient(ex) || ProviderPipelines.IsCutOff(ex))
        {
            return ex;
        }
        catch (Exception ex) when (ex is PermissionDeniedException or RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated })
        {
            state.Refusals[agreement.AgreementId] = new("denied", ex is RpcException rpc ? rpc.Status.Detail : ex.Message);
            _tokens.TryRemove(agreement.AgreementId, out _);
            return null;
        }
        catch (Exception ex) when (ex is RpcException or DomainException)
        {
            state.Refusals[agreement.AgreementId] = new("error", ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message);
            return null;
        }
    }

    /// <summary>
    /// One row for the provider: ok only if every agreement was answered; otherwise the first
    /// problem, naming the agreement when the provider's other agreements fared differently.
    /// </summary>
    private static (ProviderResult, IReadOnlyList<FederatedPassport>) Summarise(Agreement provider, ProviderAsk ask, Outcome? failure)
    {
        var row = new ProviderResult
        {
            Provider = provider.Provider,
            ProviderAddress = provider.ProviderAddress,
            Status = "ok",
            AgreementIds = { ask.Agreements.Select(a => a.AgreementId) },
        };
        var outcomes = ask.Agreements.ToDictionary(a => a.AgreementId, a => ask.Pages.ContainsKey(a.AgreementId)
            ? null : ask.Refusals.GetValueOrDefault(a.AgreementId) ?? failure ?? new Outcome("error", "not answered"), StringComparer.Ordinal);
        if (outcomes.FirstOrDefault(o => o.Value is not null) is { Value: { } problem } first)
        {
            var othersFaredDifferently = outcomes.Values.Any(o => o != problem);
            (row.Status, row.Detail) = (problem.Status, othersFaredDifferently ? $"agreement {first.Key}: {problem.Detail}" : problem.Detail);
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var passports = new List<FederatedPassport>();
        foreach (var agreement in ask.Agreements.Where(a => ask.Pages.ContainsKey(a.AgreementId)))
        {
            passports.AddRange(ask.Pages[agreement.AgreementId].Passports.Where(p => listed.Add(p.PassportId)).Select(p => new FederatedPassport
            {
                Provider = agreement.Provider, AgreementId = agreement.AgreementId, PassportId = p.PassportId,
                Version = p.Version, SchemaId = p.SchemaId, ContentHash = p.ContentHash,
            }));
        }
        row.Count = passports.Count;
        return (row, passports);
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

    private sealed record Outcome(string Status, string Detail);

    /// <summary>What one provider has answered so far, kept across the retries of one query.</summary>
    private sealed class ProviderAsk(List<Agreement> agreements)
    {
        public List<Agreement> Agreements { get; } = agreements;
        public ConcurrentDictionary<string, QueryResponse> Pages { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, Outcome> Refusals { get; } = new(StringComparer.Ordinal);
        public bool Asked { get; set; }
        public Exception? LastFailure { get; set; }
    }
}
