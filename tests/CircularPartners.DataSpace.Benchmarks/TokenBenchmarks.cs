using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>Per-call cost of the membership credential check, cold (signature) and cached.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class TokenBenchmarks
{
    private MembershipCredentialValidator _cached = null!;
    private string _token = "";
    private TrustedIssuer _trusted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuer = new CredentialIssuer("urn:bench", key, TimeProvider.System);
        _trusted = new TrustedIssuer("urn:bench", key, "bench");
        _token = issuer.Issue("1010001000001", ["venous"], "bench", TimeSpan.FromHours(1));
        _cached = new MembershipCredentialValidator(_trusted, TimeProvider.System, new TokenLifetime(TimeProvider.System, TimeSpan.FromSeconds(30)), new RevocationList());
    }

    [Benchmark(Baseline = true)]
    public Task<Caller> Cached() => _cached.ValidateAsync(_token);

    [Benchmark]
    public Task<Caller> SignatureCheck() =>
        new MembershipCredentialValidator(_trusted, TimeProvider.System, new TokenLifetime(TimeProvider.System, TimeSpan.FromSeconds(30)), new RevocationList()).ValidateAsync(_token);
}
