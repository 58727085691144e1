using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>
/// The sharing walkthrough driven through `cpds` only: a manufacturer's and a recycler's
/// connectors on one in-process network, each participant with its own credential file.
/// </summary>
public sealed class SharingCliTests : IDisposable
{
    private const string Manufacturer = "1010001000001";
    private const string Recycler = "5010001000005";
    private static readonly string MakerAddress = ConnectorNetwork.AddressOf("maker");
    private static readonly string RecyclerAddress = ConnectorNetwork.AddressOf("recycler");

    private readonly ConnectorNetwork _network = new();
    private readonly TempDirectory _work = new();
    private readonly ConnectorHost _maker;
    private readonly string _makerCredential;
    private readonly string _recyclerCredential;
    private readonly PublishRequest _battery = Passports.Request("battery");

    public SharingCliTests()
    {
        _maker = _network.Add("maker");
        var recycler = _network.Add("recycler");
        _makerCredential = Path.Combine(_work.Path, "maker.jwt");
        _recyclerCredential = Path.Combine(_work.Path, "recycler.jwt");
        File.WriteAllText(_makerCredential, _maker.CredentialFor(Manufacturer, "arterial"));
        File.WriteAllText(_recyclerCredential, recycler.CredentialFor(Recycler, "venous"));
        _maker.PassportClient(Manufacturer).Publish(_battery);
    }

    [Fact]
    public async Task OfferCreate_ThenCatalogAtProvider_RecyclerSeesTheOffer()
    {
        var offerId = await CreateOfferAsync();

        var (exit, stdout, _) = await AsRecycler("catalog", MakerAddress);
        var (jsonExit, json, _) = await AsRecycler("--json", "catalog", MakerAddress);

        Assert.Equal((0, 0), (exit, jsonExit));
        Assert.Contains(offerId, stdout, StringComparison.Ordinal);
        Assert.Contains("use case battery", stdout, StringComparison.Ordinal);
        using var catalog = JsonDocument.Parse(json);
        var offer = Assert.Single(catalog.RootElement.GetProperty("offers").EnumerateArray());
        Assert.Equal(offerId, offer.GetProperty("offerId").GetString());
        Assert.Equal(Manufacturer, offer.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task NegotiateTokenGet_WithToken_ReadsGrantedFieldsOnly()
    {
        var offerId = await CreateOfferAsync();

        var (negotiated, negotiation, _) = await AsRecycler("negotiate", MakerAddress, offerId, "--purpose", "recycling");
        var agreementId = AgreementIdFrom(negotiation);
        var (tokenExit, token, _) = await AsRecycler("token", agreementId);
        var (withToken, granted, _) = await AsRecycler("--connector", MakerAddress, "--json", "passport", "get", _battery.PassportId, "--access-token", token);
        var (withoutToken, publicOnly, _) = await AsRecycler("--connector", MakerAddress, "--json", "passport", "get", _battery.PassportId);
        var (queried, matches, _) = await AsRecycler("--connector", MakerAddress, "passport", "query", "--use-case", "battery", "--access-token", token);

        Assert.Equal((0, 0, 0, 0, 0), (negotiated, tokenExit, withToken, withoutToken, queried));
        Assert.Contains(_battery.PassportId, matches, StringComparison.Ordinal);
        Assert.Contains("state:       finalized", negotiation, StringComparison.Ordinal);
        Assert.Equal(3, token.Trim().Split('.').Length);
        Assert.Contains("materialComposition", granted, StringComparison.Ordinal);
        Assert.DoesNotContain("supplyChainDueDiligence", granted, StringComparison.Ordinal);
        Assert.DoesNotContain("materialComposition", publicOnly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementsTerminate_ThenReadWithToken_IsRefused()
    {
        var agreementId = await AgreeAsync();
        var tokenFile = Path.Combine(_work.Path, "token.jwt");
        var (_, token, _) = await AsRecycler("token", agreementId);
        File.WriteAllText(tokenFile, token);
        var (before, _, _) = await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token-file", tokenFile);

        var (terminated, stdout, _) = await AsRecycler("agreements", "terminate", agreementId, "--reason", "contract ended");
        var (after, _, stderr) = await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token-file", tokenFile);
        var (_, agreements, _) = await AsMaker("--json", "agreements");

        Assert.Equal((0, 0, 4), (before, terminated, after));
        Assert.Contains($"terminated {agreementId}", stdout, StringComparison.Ordinal);
        Assert.StartsWith("cpds: error: PERMISSION_DENIED", stderr, StringComparison.Ordinal);
        using var listed = JsonDocument.Parse(agreements);
        var agreement = Assert.Single(listed.RootElement.GetProperty("agreements").EnumerateArray());
        Assert.Equal("AGREEMENT_STATE_TERMINATED", agreement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task TokenSingleUse_SecondRead_IsRefusedNamingTheRule()
    {
        var agreementId = await AgreeAsync();
        var (tokenExit, token, _) = await AsRecycler("token", agreementId, "--single-use");

        var (first, granted, _) = await AsRecycler("--connector", MakerAddress, "--json", "passport", "get", _battery.PassportId, "--access-token", token);
        var (second, replayed, stderr) = await AsRecycler("--connector", MakerAddress, "--json", "passport", "get", _battery.PassportId, "--access-token", token);

        Assert.Equal((0, 0, 4), (tokenExit, first, second));
        Assert.Contains("materialComposition", granted, StringComparison.Ordinal);
        Assert.Equal("", replayed);
        Assert.Contains("token.single-use-replayed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegotiationsAndFederatedQuery_AfterAgreement_ListTheAgreementAndTheProvider()
    {
        var agreementId = await AgreeAsync();

        var (listed, negotiations, _) = await AsRecycler("negotiations");
        var (queried, federated, _) = await AsRecycler("federated", "query", "--use-case", "battery");
        var (jsonExit, json, _) = await AsRecycler("--json", "federated", "query");

        Assert.Equal((0, 0, 0), (listed, queried, jsonExit));
        Assert.Contains(agreementId, negotiations, StringComparison.Ordinal);
        Assert.Contains(_battery.PassportId, federated, StringComparison.Ordinal);
        Assert.Contains("1 passport(s)", federated, StringComparison.Ordinal);
        using var response = JsonDocument.Parse(json);
        var provider = Assert.Single(response.RootElement.GetProperty("providers").EnumerateArray());
        Assert.Equal(("ok", Manufacturer), (provider.GetProperty("status").GetString(), provider.GetProperty("provider").GetString()));
        Assert.Equal(agreementId, Assert.Single(provider.GetProperty("agreementIds").EnumerateArray()).GetString());
        Assert.Contains("Agreements", federated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditListVerifyExport_AfterReads_ChainVerifiesAndExportsRecords()
    {
        var agreementId = await AgreeAsync();
        var (_, token, _) = await AsRecycler("token", agreementId);
        await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token", token);
        var csvFile = Path.Combine(_work.Path, "audit.csv");

        var (listed, list, _) = await AsMaker("audit", "list", "--limit", "50");
        var (verified, verify, _) = await AsMaker("audit", "verify");
        var (exported, _, _) = await AsMaker("audit", "export", "--format", "csv", "--output", csvFile);
        var (jsonl, lines, _) = await AsMaker("audit", "export");

        Assert.Equal((0, 0, 0, 0), (listed, verified, exported, jsonl));
        Assert.Contains("passport.get", list, StringComparison.Ordinal);
        Assert.StartsWith("audit chain intact", verify, StringComparison.Ordinal);
        var csv = File.ReadAllLines(csvFile);
        Assert.StartsWith("sequence,time,actor,owner,action", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv.Skip(1), row => row.Contains("passport.get", StringComparison.Ordinal) && row.Contains(agreementId, StringComparison.Ordinal));
        var records = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(csv.Length - 1, records.Count);
        Assert.All(records, r => Assert.Equal(Manufacturer, r.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task AuditVerify_TamperedLog_ExitsOneNamingTheFirstBrokenRecord()
    {
        var agreementId = await AgreeAsync();
        var (_, token, _) = await AsRecycler("token", agreementId);
        await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token", token);
        var log = Path.Combine(_maker.DataDirectory, "audit", "audit.log");
        var lines = File.ReadAllLines(log);
        var first = JsonNode.Parse(lines[0])!;
        first["actor"] = "someone-else";
        lines[0] = first.ToJsonString();
        File.WriteAllLines(log, lines);

        var (exit, _, stderr) = await AsMaker("audit", "verify");

        Assert.Equal(1, exit);
        Assert.StartsWith("cpds: error: audit chain broken at sequence 1:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassportGetSaveReceipt_ThenReceiptVerify_ValidUntilTheBodyIsTampered()
    {
        var agreementId = await AgreeAsync();
        var (_, token, _) = await AsRecycler("token", agreementId);
        var receipt = Path.Combine(_work.Path, "receipt.json");
        var keyFile = Path.Combine(_work.Path, "maker-key.pem");
        File.WriteAllText(keyFile, (await new ContractNegotiationService.ContractNegotiationServiceClient(_maker.Channel())
            .GetReleaseKeyAsync(new ReleaseKeyRequest(), new Grpc.Core.Metadata { { "authorization", "Bearer " + File.ReadAllText(_recyclerCredential) } })).PublicKeyPem);

        var (got, _, kept) = await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token", token, "--save-receipt", receipt);
        var (online, valid, _) = await AsRecycler("--connector", MakerAddress, "receipt", "verify", receipt);
        var (offline, _, _) = await AsRecycler("receipt", "verify", receipt, "--key", keyFile);
        var saved = JsonNode.Parse(File.ReadAllText(receipt))!;
        saved["json"] = saved["json"]!.GetValue<string>().Replace("\"", "\" ", StringComparison.Ordinal);
        File.WriteAllText(receipt, saved.ToJsonString());
        var (tampered, _, refused) = await AsRecycler("receipt", "verify", receipt, "--key", keyFile);

        Assert.Equal((0, 0, 0, 1), (got, online, offline, tampered));
        Assert.Contains("receipt kept in", kept, StringComparison.Ordinal);
        Assert.StartsWith($"receipt valid: {_battery.PassportId} version 1 released by {Manufacturer} to {Recycler} under {agreementId}", valid, StringComparison.Ordinal);
        Assert.StartsWith("cpds: error: receipt NOT valid: the body does not match the receipt", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfferCreate_UnknownPurpose_ExitsTwoAndCreatesNothing()
    {
        var (exit, _, stderr) = await AsMaker("offer", "create", "--use-case", "battery", "--purpose", "resale");
        var (_, catalog, _) = await AsMaker("--json", "catalog");

        Assert.Equal(2, exit);
        Assert.StartsWith("cpds: error: unknown purpose 'resale' (--purpose): expected one of recycling,", stderr, StringComparison.Ordinal);
        using var offers = JsonDocument.Parse(catalog);
        Assert.Empty(offers.RootElement.GetProperty("offers").EnumerateArray());
    }

    [Theory]
    [InlineData("--valid-until", "next tuesday", "invalid --valid-until 'next tuesday'")]
    [InlineData("--usage-until", "2027-13-45", "invalid --usage-until '2027-13-45'")]
    [InlineData("--access-class", "owner", "unknown access class 'owner'")]
    public async Task OfferCreate_InvalidOption_ExitsTwoWithOneLine(string option, string value, string message)
    {
        var (exit, _, stderr) = await AsMaker("offer", "create", "--purpose", "recycling", option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith($"cpds: error: {message}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassportGet_AccessTokenFileMissing_ExitsTwo()
    {
        var missing = Path.Combine(_work.Path, "no-such-token.jwt");

        var (exit, _, stderr) = await AsRecycler("--connector", MakerAddress, "passport", "get", _battery.PassportId, "--access-token-file", missing);

        Assert.Equal(2, exit);
        Assert.Equal($"cpds: error: access token file not found: {missing}.", stderr.Trim());
    }

    [Fact]
    public async Task Negotiate_PurposeNotOffered_ExitsFourNamingTheRule()
    {
        var offerId = await CreateOfferAsync();

        var (exit, _, stderr) = await AsRecycler("negotiate", MakerAddress, offerId, "--purpose", "research");
        var (_, negotiations, _) = await AsRecycler("negotiations");

        Assert.Equal(4, exit);
        Assert.StartsWith("cpds: error: PERMISSION_DENIED", stderr, StringComparison.Ordinal);
        Assert.Contains("offer.purposes", stderr, StringComparison.Ordinal);
        Assert.Contains("terminated", negotiations, StringComparison.Ordinal);
        Assert.Contains("offer.purposes", negotiations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiate_ByUnregisteredParticipantId_ExitsThreeNamingIt()
    {
        var offerId = await CreateOfferAsync();

        var (exit, _, stderr) = await AsRecycler("negotiate", "9990001000009", offerId, "--purpose", "recycling");

        Assert.Equal(3, exit);
        Assert.StartsWith("cpds: error: NOT_FOUND", stderr, StringComparison.Ordinal);
        Assert.Contains("9990001000009", stderr, StringComparison.Ordinal);
    }

    private async Task<string> CreateOfferAsync()
    {
        var (exit, json, stderr) = await AsMaker(
            "--json", "offer", "create", "--use-case", "battery", "--access-class", "legitimate-interest",
            "--role", "venous", "--purpose", "recycling", "--purpose", "repair", "--usage-until", "2027-11-28T00:00:00Z",
            "--allow-events", "--title", "EV battery passports for recyclers");
        Assert.True(exit == 0, stderr);
        using var offer = JsonDocument.Parse(json);
        Assert.Equal("2027-11-28T00:00:00Z", offer.RootElement.GetProperty("constraints").GetProperty("usageEnd").GetString());
        return offer.RootElement.GetProperty("offerId").GetString()!;
    }

    private async Task<string> AgreeAsync()
    {
        var (exit, stdout, stderr) = await AsRecycler("negotiate", MakerAddress, await CreateOfferAsync(), "--purpose", "recycling");
        Assert.True(exit == 0, stderr);
        return AgreementIdFrom(stdout);
    }

    private static string AgreementIdFrom(string negotiation) =>
        negotiation.Split('\n').Single(line => line.StartsWith("agreement:", StringComparison.Ordinal))["agreement:".Length..].Trim();

    private Task<(int Exit, string Stdout, string Stderr)> AsMaker(params string[] args) =>
        Run(MakerAddress, _makerCredential, args);

    private Task<(int Exit, string Stdout, string Stderr)> AsRecycler(params string[] args) =>
        Run(RecyclerAddress, _recyclerCredential, args);

    // Each participant calls its own connector unless args name another (a provider's, to read there).
    private async Task<(int Exit, string Stdout, string Stderr)> Run(string connector, string credential, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] own = args.Contains("--connector") ? [] : ["--connector", connector];
        var exit = await CliApp.RunAsync(
            [.. own, .. args, "--credential", credential],
            stdout,
            stderr,
            address => _network.For(address.GetLeftPart(UriPartial.Authority)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _network.Dispose();
        _work.Dispose();
    }
}
