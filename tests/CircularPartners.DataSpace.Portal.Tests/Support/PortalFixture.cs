using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Playwright;

namespace CircularPartners.DataSpace.Portal.Tests.Support;

/// <summary>
/// One real connector (in-process, its development profile), a few members joined and a battery
/// passport published on it, the real portal in front of it, and one Chromium for the test class.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Maker = "1010001000001";
    public const string MakerName = "翼エナジー株式会社";
    public const string Recycler = "2020002000002";
    public const string RecyclerName = "みどりリサイクル株式会社";

    private IPlaywright? _playwright;
    private TestChannels? _channels;
    private RunningPortal? _portal;

    internal ConnectorHost Connector { get; } = new();
    internal TestChannels Channels => _channels!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri Address => _portal!.Address;
    public string PassportId { get; } = Passports.IdFor("portal-battery");

    /// <summary>The connector's development credential: the secretariat of this local data space.</summary>
    public string DevelopmentCredentialPath => Path.Combine(Connector.DataDirectory, "identity", "credential.jwt");

    public async Task InitializeAsync()
    {
        var executable = Chromium.ExecutablePath();
        _ = Connector.Services; // starts the connector, which writes its development credential
        await SeedAsync();
        _channels = new TestChannels(Connector.Channel());
        _portal = await RunningPortal.StartAsync(_channels, DevelopmentCredentialPath);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser session (its own cookies) with Japanese as the browser's language.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = "ja-JP",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private async Task SeedAsync()
    {
        var secretariat = new MembershipService.MembershipServiceClient(Connector.Invoker(File.ReadAllText(DevelopmentCredentialPath).Trim()));
        (string Id, string Name, string Kind, string Industry, string Role)[] members =
        [
            (Maker, MakerName, "company", "輸送機械器具製造業", "arterial"),
            (Recycler, RecyclerName, "company", "廃棄物処理・リサイクル・環境コンサルタント業", "venous"),
            ("3030003000003", "名古屋市", "municipality", "自治体", "venous"),
            ("4040004000004", "東海工業大学", "university", "大学", "venous"),
            ("5050005000005", "中部化学工業株式会社", "company", "化学工業", "arterial"),
        ];
        foreach (var (id, name, kind, industry, role) in members)
        {
            await secretariat.JoinAsync(new JoinRequest
            {
                Participant = new Participant { ParticipantId = id, Name = name, Kind = kind, Industry = industry, Roles = { role }, ConnectorAddress = "http://127.0.0.1:5080" },
            });
        }
        await Connector.PassportClient(Maker).PublishAsync(Passports.Request("battery", PassportId));
        await ShareWithRecyclerAsync();
        // Measured coverage as the maker's connector reports it, so the map has numbers to show.
        var registry = new RegistryService.RegistryServiceClient(Connector.Invoker(Connector.CredentialFor(Maker, "arterial")));
        await registry.ReportCoverageAsync(new ReportCoverageRequest
        {
            Counts =
            {
                new CoverageCount { Category = "batteries", Stage = LifecycleStage.Manufacturing, Passports = 1200, LifecycleEvents = 40 },
                new CoverageCount { Category = "batteries", Stage = LifecycleStage.Use, Passports = 350, LifecycleEvents = 12 },
                new CoverageCount { Category = "batteries", Stage = LifecycleStage.Recycling, Passports = 25, LifecycleEvents = 25 },
            },
        });
    }

    /// <summary>
    /// The maker offers its battery passports to recyclers; the recycler agrees (the provider-side
    /// protocol its connector would speak) and reads once under the agreement, so the maker's
    /// offers, agreements and access log have something to show.
    /// </summary>
    private async Task ShareWithRecyclerAsync()
    {
        var offer = await Connector.SharingClient(Maker, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Title = "使用済みバッテリーの再資源化向け",
            Selector = new DatasetSelector { UseCase = "battery" },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
        });
        var recyclerCredential = Connector.CredentialFor(Recycler, "venous");
        var protocol = new ContractNegotiationService.ContractNegotiationServiceClient(Connector.Invoker(recyclerCredential));
        var negotiation = Guid.NewGuid().ToString("N");
        await protocol.RequestContractAsync(new ContractRequest { NegotiationId = negotiation, OfferId = offer.OfferId, Purpose = "recycling" });
        var agreement = await protocol.AcceptOfferAsync(new NegotiationStep { NegotiationId = negotiation });
        await protocol.VerifyAgreementAsync(new NegotiationStep { NegotiationId = negotiation });
        var token = await protocol.IssueTokenAsync(new TransferRequest { AgreementId = agreement.AgreementId });
        await Connector.PassportClientWithToken(recyclerCredential, token.Token).GetAsync(new GetPassportRequest { PassportId = PassportId });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }
        _channels?.Dispose();
        Connector.Dispose();
    }
}
