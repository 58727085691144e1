using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>Each attack must be refused with UNAUTHENTICATED and return no data.</summary>
public sealed class AuthenticationTests : IClassFixture<ConnectorHostFixture>
{
    private const string Issuer = "urn:circularpartners:dev-issuer";
    private readonly ConnectorHost _host;

    public AuthenticationTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Fact]
    public async Task Call_WithoutCredential_IsUnauthenticated() => await AssertRefused(null);

    [Fact]
    public async Task Call_WithGarbageCredential_IsUnauthenticated() => await AssertRefused("not-a-jwt");

    [Fact]
    public async Task Call_WithUnsignedAlgNoneToken_IsUnauthenticated()
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
            B64($"{{\"sub\":\"1010001000001\",\"iss\":\"{Issuer}\",\"aud\":\"{ConnectorHost.Audience}\",\"exp\":{exp}}}") + ".";
        await AssertRefused(token);
    }

    [Fact]
    public async Task Call_SignedByAnotherKey_IsUnauthenticated()
    {
        var stranger = new CredentialIssuer(Issuer, ECDsa.Create(ECCurve.NamedCurves.nistP256), _host.Clock);
        await AssertRefused(stranger.Issue("1010001000001", ["arterial"], ConnectorHost.Audience, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Call_HmacSignedWithPublicKey_AlgorithmConfusion_IsUnauthenticated()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(_host.DataDirectory, "identity", "dev-issuer.key.pem")));
        var secret = key.ExportSubjectPublicKeyInfo();
        await AssertRefused(Sign(new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256), _host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Call_WithWrongAudience_IsUnauthenticated() =>
        await AssertRefused(_host.Issuer.Issue("1010001000001", ["arterial"], "another-connector", TimeSpan.FromHours(1)));

    [Fact]
    public async Task Call_WithWrongIssuer_IsUnauthenticated()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(_host.DataDirectory, "identity", "dev-issuer.key.pem")));
        var impostor = new CredentialIssuer("urn:someone-else", key, _host.Clock);
        await AssertRefused(impostor.Issue("1010001000001", ["arterial"], ConnectorHost.Audience, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Call_WithExpiredCredential_IsUnauthenticated()
    {
        var issuedLongAgo = new CredentialIssuer(Issuer, LoadIssuerKey(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_host.Clock.GetUtcNow().AddHours(-3)));
        await AssertRefused(issuedLongAgo.Issue("1010001000001", ["arterial"], ConnectorHost.Audience, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Call_WithCredentialIssuedInTheFuture_IsUnauthenticated()
    {
        var fromTheFuture = new CredentialIssuer(Issuer, LoadIssuerKey(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_host.Clock.GetUtcNow().AddHours(2)));
        await AssertRefused(fromTheFuture.Issue("1010001000001", ["arterial"], ConnectorHost.Audience, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Call_WithValidCredential_IsServed()
    {
        var client = _host.PassportClientWithToken(_host.CredentialFor("1010001000001"));
        var response = await client.QueryAsync(new QueryRequest());
        Assert.NotNull(response);
    }

    private ECDsa LoadIssuerKey()
    {
        _ = _host.Issuer;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(_host.DataDirectory, "identity", "dev-issuer.key.pem")));
        return key;
    }

    private static string Sign(SigningCredentials credentials, DateTimeOffset now) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = ConnectorHost.Audience,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.UtcDateTime.AddHours(1),
        SigningCredentials = credentials,
        Claims = new Dictionary<string, object> { ["sub"] = "1010001000001" },
    });

    private async Task AssertRefused(string? token)
    {
        var client = _host.PassportClientWithToken(token);
        var seed = Passports.Request("cmp");
        await _host.PassportClient("1010001000001").PublishAsync(seed);

        var ex = await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => client.GetAsync(new GetPassportRequest { PassportId = seed.PassportId }).ResponseAsync);
        Assert.DoesNotContain("eyJ", ex.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => client.PublishAsync(Passports.Request("cmp")).ResponseAsync);
    }
}
