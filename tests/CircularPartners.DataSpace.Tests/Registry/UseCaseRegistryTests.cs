using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static CircularPartners.DataSpace.Tests.Registry.RegistryTestSupport;

namespace CircularPartners.DataSpace.Tests.Registry;

public sealed class UseCaseRegistryTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemoryRegistryStore _store = new();
    private readonly UseCaseRegistry _registry;

    public UseCaseRegistryTests()
    {
        _registry = new UseCaseRegistry(_store, _clock);
        _registry.SeedIfEmptyAsync(Seed(), CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task SeedIfEmpty_SecondTime_DoesNothing()
    {
        var seeded = await _registry.SeedIfEmptyAsync(Seed(), CancellationToken.None);

        Assert.False(seeded);
        Assert.Equal(1, _store.Saves);
        Assert.All(_registry.Snapshot.UseCases, u => Assert.True(u.Seed));
        Assert.Equal(["battery", "cmp", "construction", "office-equipment", "textile"], _registry.Snapshot.UseCases.Select(u => u.Id));
    }

    [Fact]
    public async Task PutUseCase_BySecretariat_SavesAndRecordsWhoAndWhen()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        var stored = await _registry.PutUseCaseAsync(Caller(Secretariat, "secretariat"), UseCase("pet-loop", "plastics/pet-bottles", LifecycleStage.Collection), CancellationToken.None);

        var change = _registry.Changes("pet-loop", 10).Single();
        Assert.Equal(Secretariat, change.Actor);
        Assert.Equal(_clock.GetUtcNow(), change.At);
        Assert.Equal("use_case.put", change.Action);
        Assert.Equal(Secretariat, stored.UpdatedBy);
        Assert.Same(_registry.Snapshot, _store.Saved);
    }

    [Fact]
    public async Task PutUseCase_ByArterialMember_IsDeniedNamingTheRule()
    {
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            _registry.PutUseCaseAsync(Caller(Member, "arterial"), UseCase("x", "steel", LifecycleStage.Use), CancellationToken.None));

        Assert.Equal(RegistryRules.SecretariatOnlyRule, denied.Rule);
        Assert.Equal(1, _store.Saves);
    }

    [Fact]
    public async Task PutUseCase_Invalid_ReportsEveryViolation()
    {
        var bad = UseCase("Bad Id", "no-such-category", LifecycleStage.Use) with { NameJa = "", Links = ["ftp://x"] };

        var invalid = await Assert.ThrowsAsync<RegistryValidationException>(() =>
            _registry.PutUseCaseAsync(Caller(Secretariat, "secretariat"), bad, CancellationToken.None));

        Assert.Equal(["/useCase/id", "/useCase/nameJa", "/useCase/categoryIds/0", "/useCase/links/0"], invalid.Violations.Select(v => v.Pointer));
    }

    [Fact]
    public async Task Decline_AlreadyAccepted_IsConflict()
    {
        var proposal = await _registry.ProposeAsync(Caller(Member, "venous"), new ProposalDraft("Solar panels", "energy", "Panel reuse", [], []), CancellationToken.None);
        await _registry.AcceptAsync(Caller(Secretariat, "secretariat"), new Acceptance(proposal.Id, "", "リユース", ""), CancellationToken.None);

        await Assert.ThrowsAsync<RegistryConflictException>(() =>
            _registry.DeclineAsync(Caller(Secretariat, "secretariat"), proposal.Id, "late", CancellationToken.None));
        Assert.Equal(UseCaseStatus.Concept, _registry.GetUseCase("solar-panels").Status);
    }

    [Fact]
    public async Task FileStore_SaveThenLoad_RoundTripsTheSnapshot()
    {
        using var dir = new TempDirectory();
        var store = new FileRegistryStore(dir.Path);
        await store.SaveAsync(_registry.Snapshot, null, CancellationToken.None);

        var loaded = (await store.LoadAsync(CancellationToken.None))?.Snapshot;

        Assert.NotNull(loaded);
        Assert.Equal(_registry.Snapshot.UseCases.Select(u => (u.Id, u.Status, string.Join(',', u.Stages))), loaded.UseCases.Select(u => (u.Id, u.Status, string.Join(',', u.Stages))));
        Assert.Equal(_registry.Snapshot.Categories, loaded.Categories);
        Assert.False(File.Exists(store.SnapshotPath + ".tmp"));
    }

    [Theory]
    [InlineData("Apparel IoT / 繊維 circulation", "apparel-iot-circulation")]
    [InlineData("日本語のみ", "use-case")]
    public void SlugOf_Theme_IsLowercaseAsciiSlug(string theme, string expected) => Assert.Equal(expected, UseCaseRegistry.SlugOf(theme));
}
