using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using Google.Rpc;
using Grpc.Core;
using static CircularPartners.DataSpace.Tests.Registry.RegistryTestSupport;

namespace CircularPartners.DataSpace.Tests.Registry;

/// <summary>RegistryService through the real host: seed, role rule, history, proposals.</summary>
public sealed class RegistryServiceTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public RegistryServiceTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    private RegistryService.RegistryServiceClient AsSecretariat => _host.RegistryClient(Secretariat, "secretariat");

    private RegistryService.RegistryServiceClient AsMember => _host.RegistryClient(Member, "arterial");

    private static UseCase NewUseCase(string id) => new()
    {
        Id = id,
        NameJa = "PETボトル水平リサイクル",
        NameEn = "PET bottle-to-bottle",
        Domain = "beverages",
        LeadOrganisation = "Test Org",
        Status = UseCaseStatus.Introduction,
        SchemaIds = { "cmp/1.0" },
        CategoryIds = { "plastics/pet-bottles" },
        Stages = { LifecycleStage.Collection, LifecycleStage.Recycling },
        Links = { "https://example.org/pet" },
    };

    [Fact]
    public async Task ListUseCases_FreshConnector_HasTheSeedUseCasesFlaggedAsSeed()
    {
        var response = await AsMember.ListUseCasesAsync(new ListUseCasesRequest());

        var seeded = response.UseCases.Where(u => u.Seed).Select(u => u.Id).ToList();
        Assert.Equal(["battery", "cmp", "construction", "office-equipment", "textile"], seeded);
        var office = response.UseCases.Single(u => u.Id == "office-equipment");
        Assert.Equal(["electrical-and-electronic-equipment/office-equipment/imaging-equipment"], office.CategoryIds);
        var categories = await AsMember.ListCategoriesAsync(new ListCategoriesRequest());
        Assert.Contains(categories.Categories, c => c.Id == "plastics/pet-bottles" && c.ParentId == "plastics");
    }

    [Fact]
    public async Task PutUseCase_AsSecretariat_StoresItWithHistoryOfWhoAndWhen()
    {
        var stored = await AsSecretariat.PutUseCaseAsync(new PutUseCaseRequest { UseCase = NewUseCase("pet-bottle-to-bottle") });
        var fetched = await AsMember.GetUseCaseAsync(new GetUseCaseRequest { UseCaseId = "pet-bottle-to-bottle" });
        var history = await AsMember.ListChangesAsync(new ListChangesRequest { Subject = "pet-bottle-to-bottle" });

        Assert.False(stored.Seed);
        Assert.Equal(UseCaseStatus.Introduction, fetched.Status);
        var change = Assert.Single(history.Changes);
        Assert.Equal(Secretariat, change.Actor);
        Assert.Equal(_host.Clock.GetUtcNow(), change.At.ToDateTimeOffset());
        Assert.Equal("use_case.put", change.Action);
    }

    [Fact]
    public async Task PutUseCase_AsArterialMember_IsPermissionDeniedNamingTheRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () =>
            AsMember.PutUseCaseAsync(new PutUseCaseRequest { UseCase = NewUseCase("sneaky") }).ResponseAsync);

        Assert.Equal("registry.secretariat-only", ex.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["rule"]);
        Assert.Contains("secretariat", ex.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => AsMember.GetUseCaseAsync(new GetUseCaseRequest { UseCaseId = "sneaky" }).ResponseAsync);
    }

    [Fact]
    public async Task PutUseCase_UnknownCategory_IsInvalidArgumentWithFieldViolation()
    {
        var useCase = NewUseCase("bad-category");
        useCase.CategoryIds.Add("furniture");

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () =>
            AsSecretariat.PutUseCaseAsync(new PutUseCaseRequest { UseCase = useCase }).ResponseAsync);

        Assert.Equal("/useCase/categoryIds/1", Assert.Single(RpcAssert.Violations(ex)).Field);
    }

    [Fact]
    public async Task Proposal_ProposeThenAccept_BecomesUseCaseInConcept()
    {
        var proposal = await AsMember.ProposeAsync(new ProposeRequest
        {
            Theme = "Solar panel reuse",
            Domain = "energy",
            Outline = "Track panels from installation to reuse and glass recycling.",
            CategoryIds = { "electrical-and-electronic-equipment" },
            Stages = { LifecycleStage.Use, LifecycleStage.SecondaryUse },
        });
        var accepted = await AsSecretariat.AcceptProposalAsync(new AcceptProposalRequest { ProposalId = proposal.Id, NameJa = "太陽光パネルのリユース" });

        Assert.Equal(("太陽光パネルのリユース", "Solar panel reuse"), (accepted.UseCase.NameJa, accepted.UseCase.NameEn));
        Assert.Equal(Member, proposal.Proposer);
        Assert.Equal(ProposalStatus.Pending, proposal.Status);
        Assert.Equal(ProposalStatus.Accepted, accepted.Proposal.Status);
        Assert.Equal("solar-panel-reuse", accepted.UseCase.Id);
        Assert.Equal(UseCaseStatus.Concept, accepted.UseCase.Status);
        var map = await AsMember.GetCoverageMapAsync(new GetCoverageMapRequest());
        Assert.Contains(map.Cells, c => c.Category == "electrical-and-electronic-equipment" && c.Stage == LifecycleStage.SecondaryUse
            && c.Declared.Any(d => d.UseCaseId == "solar-panel-reuse" && d.Status == UseCaseStatus.Concept));
    }

    [Fact]
    public async Task Proposal_AcceptEnglishThemeWithoutJapaneseName_NamesTheMissingField()
    {
        var proposal = await AsMember.ProposeAsync(new ProposeRequest { Theme = "Cargo bike reuse", Outline = "Cargo bikes to reuse." });

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () =>
            AsSecretariat.AcceptProposalAsync(new AcceptProposalRequest { ProposalId = proposal.Id }).ResponseAsync);

        Assert.Equal("/nameJa", Assert.Single(RpcAssert.Violations(ex)).Field);
    }

    [Fact]
    public async Task Proposal_AcceptJapaneseTheme_KeepsItAsTheJapaneseNameOnly()
    {
        var proposal = await AsMember.ProposeAsync(new ProposeRequest { Theme = "使用済み自転車のリユース", Outline = "自転車を再使用する。" });

        var accepted = await AsSecretariat.AcceptProposalAsync(new AcceptProposalRequest
        {
            ProposalId = proposal.Id, UseCaseId = "used-bicycle-reuse", NameEn = "Used bicycle reuse",
        });

        Assert.Equal(("使用済み自転車のリユース", "Used bicycle reuse"), (accepted.UseCase.NameJa, accepted.UseCase.NameEn));
    }

    [Fact]
    public async Task Proposal_Decline_KeepsTheReasonForTheProposer()
    {
        var proposal = await AsMember.ProposeAsync(new ProposeRequest { Theme = "Umbrella sharing", Outline = "Shared umbrellas." });
        var declined = await AsSecretariat.DeclineProposalAsync(new DeclineProposalRequest { ProposalId = proposal.Id, Reason = "Out of scope of the CE platform." });
        var listed = await AsMember.ListProposalsAsync(new ListProposalsRequest { Status = ProposalStatus.Declined });

        Assert.Equal(ProposalStatus.Declined, declined.Status);
        Assert.Equal(Secretariat, declined.DecidedBy);
        Assert.Contains(listed.Proposals, p => p.Id == proposal.Id && p.Reason == "Out of scope of the CE platform.");
    }

    [Fact]
    public async Task Proposal_AcceptByMember_IsPermissionDenied()
    {
        var proposal = await AsMember.ProposeAsync(new ProposeRequest { Theme = "Self approval", Outline = "Accept my own." });

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () =>
            AsMember.AcceptProposalAsync(new AcceptProposalRequest { ProposalId = proposal.Id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () =>
            AsSecretariat.DeclineProposalAsync(new DeclineProposalRequest { ProposalId = proposal.Id, Reason = " " }).ResponseAsync);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsChangesAndDoesNotReseed()
    {
        using var data = new TempDirectory();
        using (var first = new ConnectorHost(data.Path))
        {
            await first.RegistryClient(Secretariat, "secretariat").DeleteUseCaseAsync(new DeleteUseCaseRequest { UseCaseId = "cmp" });
        }
        using var second = new ConnectorHost(data.Path);

        var useCases = await second.RegistryClient(Member, "venous").ListUseCasesAsync(new ListUseCasesRequest());
        var changes = await second.RegistryClient(Member, "venous").ListChangesAsync(new ListChangesRequest());

        Assert.DoesNotContain(useCases.UseCases, u => u.Id == "cmp");
        Assert.Equal(["use_case.delete", "registry.seed"], changes.Changes.Select(c => c.Action));
    }
}
