using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// Issue 17 item 7 through the real host: material queries find the material however it is
/// written (case, full- and half-width forms, English or Japanese, IEC 62474 class), and still
/// only on material values the caller may read.
/// </summary>
public sealed class MaterialSearchTests : IClassFixture<MaterialSearchTests.World>
{
    private readonly World _world;

    public MaterialSearchTests(World world) => _world = world;

    /// <summary>Three CMP passports whose copper is written three ways, and the battery example (aluminium for legitimate interest only).</summary>
    public sealed class World : IDisposable
    {
        public ConnectorHost Host { get; } = new();
        public string Plain { get; } = Passports.IdFor("copper-plain");
        public string Foil { get; } = Passports.IdFor("copper-foil");
        public string Japanese { get; } = Passports.IdFor("copper-ja");
        public string Battery { get; } = Passports.IdFor("battery-aluminium");

        public World()
        {
            var owner = Host.PassportClient(ConnectorHost.DefaultOperator);
            owner.Publish(WithCopperAs(Plain, "copper"));
            owner.Publish(WithCopperAs(Foil, "Copper foil"));
            owner.Publish(WithCopperAs(Japanese, "銅"));
            owner.Publish(Passports.Request("battery", Battery));
        }

        private static PublishRequest WithCopperAs(string id, string name) => Passports.Request("cmp", id, body =>
        {
            foreach (var material in body["cmp"]!["article"]!["parts"]!.AsArray().SelectMany(p => p!["materials"]!.AsArray()))
            {
                if (material!["materialName"]!.GetValue<string>() == "copper")
                {
                    material["materialName"] = name;
                }
            }
        });

        public void Dispose() => Host.Dispose();
    }

    [Theory]
    [InlineData("copper")]
    [InlineData("Copper foil")]
    [InlineData("銅")]
    [InlineData("ＣＯＰＰＥＲ")]
    [InlineData("Cu")]
    public async Task Query_CopperWrittenAnyWay_FindsEveryCopperPassport(string material) =>
        Assert.Equal(new[] { _world.Plain, _world.Foil, _world.Japanese }.Order(), (await IdsAsync(ConnectorHost.DefaultOperator, material)).Order());

    [Fact]
    public async Task Query_AWordNamingNoMaterial_FindsTheValuesWithThatWord() =>
        Assert.Equal([_world.Foil], await IdsAsync(ConnectorHost.DefaultOperator, "foil"));

    [Fact]
    public async Task Query_Iec62474Class_FindsItsMembers()
    {
        // M-004, copper and its alloys: every CMP example carries brass; "copper" alone would not find brass.
        var byClass = await IdsAsync(ConnectorHost.DefaultOperator, "M-004");

        Assert.Equal(new[] { _world.Plain, _world.Foil, _world.Japanese }.Order(), byClass.Order());
    }

    [Theory]
    [InlineData("アルミニウム")]
    [InlineData("aluminum")]
    [InlineData("ｱﾙﾐﾆｳﾑ")]
    public async Task Query_SynonymOfAMaterialTheCallerMayNotRead_FindsNothing_ButTheOwnerFindsIt(string material)
    {
        // The battery's material composition is for legitimate interest only; a member reads public and participant fields.
        Assert.DoesNotContain(_world.Battery, await IdsAsync("5010001000005", material, "venous"));
        Assert.Contains(_world.Battery, await IdsAsync(ConnectorHost.DefaultOperator, material));
    }

    private async Task<List<string>> IdsAsync(string participantId, string material, params string[] roles)
    {
        var response = await _world.Host.PassportClient(participantId, roles).QueryAsync(new QueryRequest { Material = { material }, PageSize = 100 });
        return [.. response.Passports.Select(p => p.PassportId)];
    }
}
