using System.Diagnostics;
using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// <c>bench negotiate</c>: on the consumer's connector, Negotiate (which runs RequestContract,
/// AcceptOffer and VerifyAgreement against the provider) and RequestTransfer (IssueToken at the
/// provider), then the first read at the provider with the new token. Latency is the whole
/// sequence. Ceiling: the same number of sequential round trips as echoes.
/// </summary>
internal static class NegotiateScenario
{
    /// <summary>Client→consumer 2, consumer→provider 4, client→provider 1.</summary>
    public const int RoundTrips = 7;

    public sealed record Settings(int Count, int Concurrency, int Warmup, int Rounds, string ProviderAddress, string OfferId, string Purpose, string? PassportId);

    public static async Task<(BenchResult Result, LoadRunner Runner)> RunAsync(
        Settings settings, BenchCalls consumer, Func<string, BenchCalls> providerWithToken, CancellationToken cancellationToken)
    {
        var steps = new long[3][];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = new long[settings.Count];
        }

        var recording = false;
        async Task<CallOutcome> SequenceAsync(int number, CancellationToken token)
        {
            var started = Stopwatch.GetTimestamp();
            var negotiation = await consumer.Sharing.NegotiateAsync(new NegotiateRequest
            {
                ProviderAddress = settings.ProviderAddress,
                OfferId = settings.OfferId,
                Purpose = settings.Purpose,
            }, consumer.Options());
            if (negotiation.State != NegotiationState.Finalized)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"negotiation {negotiation.NegotiationId} ended {negotiation.State}: {negotiation.Reason}"));
            }

            var negotiated = Stopwatch.GetTimestamp();
            var access = await consumer.Sharing.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId }, consumer.Options());
            var transferred = Stopwatch.GetTimestamp();
            var provider = providerWithToken(access.Token);
            if (settings.PassportId is { Length: > 0 } id)
            {
                await provider.Passports.GetAsync(new GetPassportRequest { PassportId = id }, provider.Options());
            }
            else
            {
                await provider.Passports.QueryAsync(new QueryRequest { PageSize = 1, IncludeJson = true }, provider.Options());
            }

            if (recording)
            {
                steps[0][number] = negotiated - started;
                steps[1][number] = transferred - negotiated;
                steps[2][number] = Stopwatch.GetTimestamp() - transferred;
            }

            return CallOutcome.One;
        }

        var echoRunner = new LoadRunner(1);
        var echo = EchoCeiling.Call(consumer, 0);
        var runner = new LoadRunner(settings.Concurrency);
        await echoRunner.WarmUpAsync(50, echo, cancellationToken);
        await runner.WarmUpAsync(settings.Warmup, SequenceAsync, cancellationToken);
        recording = true;
        var (measured, ceiling) = await Rounds.InterleaveAsync(
            settings.Rounds,
            round => echoRunner.MeasureAsync(0, Math.Max(20, Rounds.Slice(settings.Count, settings.Rounds, round).Count * RoundTrips), echo, cancellationToken),
            round =>
            {
                var (first, count) = Rounds.Slice(settings.Count, settings.Rounds, round);
                return runner.MeasureAsync(first, count, SequenceAsync, cancellationToken);
            });
        var result = new BenchResult("negotiate", settings.Concurrency, "negotiate + transfer + first read", measured,
            new BenchCeiling($"{RoundTrips} echo round trips", null, ceiling, ceiling.P50Ms * RoundTrips),
            new Dictionary<string, string>
            {
                ["negotiateP50Ms"] = P50(steps[0]),
                ["transferP50Ms"] = P50(steps[1]),
                ["firstReadP50Ms"] = P50(steps[2]),
                ["firstRead"] = settings.PassportId is { Length: > 0 } ? "get " + settings.PassportId : "query (page size 1, with body)",
                ["targetMs"] = "50",
                ["rounds"] = settings.Rounds.ToString(CultureInfo.InvariantCulture),
            });
        return (result, runner);
    }

    private static string P50(long[] ticks) =>
        LatencyStats.From([.. ticks.Where(t => t > 0)], 0, 0, TimeSpan.Zero).P50Ms.ToString("0.00", CultureInfo.InvariantCulture);
}
