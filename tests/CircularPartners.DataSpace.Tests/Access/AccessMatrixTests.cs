using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Domain;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Access;

/// <summary>
/// Pins every cell of field class × caller kind × operation: what each kind of caller reads of a
/// battery passport (public, legitimate-interest, authority and owner fields) and a CMP passport
/// (public, participant, legitimate-interest fields), through gRPC Get, History and Query and
/// through REST, must equal the stored document filtered to that caller's level on the ladder
/// public &lt; participant &lt; legitimate-interest &lt; authority &lt; owner.
/// </summary>
public sealed class AccessMatrixTests : IClassFixture<AccessMatrixTests.Arrangement>
{
    private const string Maker = "1010001000001";
    private const string Recycler = "5010001000005";
    private const string Inspector = "9010001000009";
    private readonly Arrangement _a;

    public AccessMatrixTests(Arrangement arrangement) => _a = arrangement;

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var caller in new[] { "member", "member+participant", "member+legitimate-interest", "member+authority", "authority-role", "owner" })
        {
            foreach (var operation in new[] { "grpc-get", "grpc-history", "grpc-query", "rest-get" })
            {
                data.Add(caller, operation);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Read_ByCallerKind_SeesExactlyItsLevel(string caller, string operation)
    {
        foreach (var passport in new[] { _a.Battery, _a.Cmp })
        {
            var expected = _a.Expected(passport, LevelOf(caller));
            Assert.Equal(expected, await ReadAsync(caller, operation, passport.PassportId));
        }
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("rest")]
    public async Task PublicView_WithoutCredential_SeesPublicFieldsOnly(string transport)
    {
        foreach (var passport in new[] { _a.Battery, _a.Cmp })
        {
            var json = transport == "grpc"
                ? (await _a.Host.PassportClientWithToken(null).GetPublicAsync(new GetPublicPassportRequest { PassportId = passport.PassportId })).Json
                : await RestJsonAsync($"/v1/public/passports/{passport.PassportId}", credential: null, token: null);
            Assert.Equal(_a.Expected(passport, AccessLevel.Public), json);
        }
    }

    [Fact]
    public async Task EveryOtherCall_WithoutCredential_IsUnauthenticated()
    {
        var anonymous = _a.Host.PassportClientWithToken(null);
        var id = _a.Battery.PassportId;
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => anonymous.GetAsync(new GetPassportRequest { PassportId = id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => anonymous.HistoryAsync(new HistoryRequest { PassportId = id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => anonymous.QueryAsync(new QueryRequest()).ResponseAsync);
        using var http = _a.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/v1/passports/{id}")).StatusCode);
    }

    [Fact]
    public void Ladder_EachLevelShowsMoreThanTheOneBelow()
    {
        // Otherwise a cell could pass by seeing too much or too little without the matrix noticing.
        Assert.NotEqual(_a.Expected(_a.Cmp, AccessLevel.Public), _a.Expected(_a.Cmp, AccessLevel.Participant));
        Assert.NotEqual(_a.Expected(_a.Battery, AccessLevel.Participant), _a.Expected(_a.Battery, AccessLevel.LegitimateInterest));
        Assert.NotEqual(_a.Expected(_a.Battery, AccessLevel.LegitimateInterest), _a.Expected(_a.Battery, AccessLevel.Authority));
        Assert.NotEqual(_a.Expected(_a.Battery, AccessLevel.Authority), _a.Expected(_a.Battery, AccessLevel.Owner));
    }

    [Fact]
    public async Task AuthorityRead_IsOnTheOwnersAuditRecord()
    {
        await ReadAsync("authority-role", "grpc-get", _a.Battery.PassportId);
        var log = await _a.Host.SharingClient(Maker, "arterial").ListAuditAsync(new ListAuditRequest { Limit = 1000 });
        Assert.Contains(log.Records, r => r.Actor == Inspector && r.Owner == Maker && r.Purpose == "authority"
            && r.PassportIds.Contains(_a.Battery.PassportId) && r.Sections.Contains("authority"));
    }

    private static AccessLevel LevelOf(string caller) => caller switch
    {
        "member" or "member+participant" => AccessLevel.Participant,
        "member+legitimate-interest" => AccessLevel.LegitimateInterest,
        "member+authority" or "authority-role" => AccessLevel.Authority,
        "owner" => AccessLevel.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private async Task<string> ReadAsync(string caller, string operation, string passportId)
    {
        var (credential, token) = caller switch
        {
            "owner" => (_a.Host.CredentialFor(Maker, "arterial"), null),
            "authority-role" => (_a.Host.CredentialFor(Inspector, "authority"), null),
            "member" => (_a.RecyclerCredential, null),
            _ => (_a.RecyclerCredential, _a.Tokens[caller["member+".Length..]]),
        };
        var client = _a.Host.PassportClientWithToken(credential, token);
        return operation switch
        {
            "grpc-get" => (await client.GetAsync(new GetPassportRequest { PassportId = passportId })).Json,
            "grpc-history" => Assert.Single((await client.HistoryAsync(new HistoryRequest { PassportId = passportId })).Versions).Json,
            "grpc-query" => (await client.QueryAsync(new QueryRequest { IncludeJson = true, PageSize = 100 })).Passports.Single(p => p.PassportId == passportId).Json,
            "rest-get" => await RestJsonAsync($"/v1/passports/{passportId}", credential, token),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private async Task<string> RestJsonAsync(string path, string? credential, string? token)
    {
        using var http = _a.Host.CreateClient();
        if (credential is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
        if (token is not null)
        {
            http.DefaultRequestHeaders.Add("x-data-access-token", token);
        }
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("json").GetString()!;
    }

    /// <summary>One maker connector with a battery and a CMP passport, and a recycler holding one agreement per class.</summary>
    public sealed class Arrangement : IDisposable
    {
        private readonly ConnectorNetwork _network = new();
        private readonly SchemaRegistry _schemas = SchemaRegistry.Load(RepositoryPaths.Schemas);

        public Arrangement()
        {
            Host = _network.Add("maker");
            var recycling = _network.Add("recycler");
            var owner = Host.PassportClient(Maker, "arterial");
            Battery = owner.Publish(Passports.Request("battery"));
            Cmp = owner.Publish(Passports.Request("cmp"));
            Battery = owner.Get(new GetPassportRequest { PassportId = Battery.PassportId });
            Cmp = owner.Get(new GetPassportRequest { PassportId = Cmp.PassportId });
            RecyclerCredential = Host.CredentialFor(Recycler, "venous");
            var recyclerSharing = recycling.SharingClient(Recycler, "venous");
            foreach (var accessClass in new[] { "participant", "legitimate-interest", "authority" })
            {
                var offer = Host.SharingClient(Maker, "arterial").CreateOffer(new CreateOfferRequest
                {
                    Title = "All passports, " + accessClass,
                    Selector = new Contracts.V1.DatasetSelector(),
                    AccessClasses = { accessClass },
                    Constraints = new Contracts.V1.OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
                });
                var negotiation = recyclerSharing.Negotiate(new NegotiateRequest { ProviderAddress = ConnectorNetwork.AddressOf("maker"), OfferId = offer.OfferId, Purpose = "recycling" });
                Tokens[accessClass] = recyclerSharing.RequestTransfer(new TransferRequest { AgreementId = negotiation.AgreementId }).Token;
            }
        }

        public ConnectorHost Host { get; }
        public Passport Battery { get; }
        public Passport Cmp { get; }
        public string RecyclerCredential { get; }
        public Dictionary<string, string> Tokens { get; } = [];

        /// <summary>The stored document filtered to <paramref name="level"/> by the reference filter.</summary>
        public string Expected(Passport passport, AccessLevel level) =>
            ReferenceAccessFilter.Filter(passport.Json, AccessMap.Build(_schemas.Get(passport.SchemaId).Layers), AccessLevels.ClassesUpTo(level));

        public void Dispose() => _network.Dispose();
    }
}
