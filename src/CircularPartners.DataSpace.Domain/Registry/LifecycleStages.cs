namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>Stage names as they appear in exports, the CLI and the seed file (<c>material_production</c>).</summary>
public static class LifecycleStages
{
    public static readonly IReadOnlyList<LifecycleStage> All = Enum.GetValues<LifecycleStage>();

    public static string Name(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Design => "design",
        LifecycleStage.MaterialProduction => "material_production",
        LifecycleStage.Manufacturing => "manufacturing",
        LifecycleStage.Distribution => "distribution",
        LifecycleStage.Use => "use",
        LifecycleStage.Collection => "collection",
        LifecycleStage.SecondaryUse => "secondary_use",
        LifecycleStage.Recycling => "recycling",
        LifecycleStage.FinalDisposal => "final_disposal",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown lifecycle stage."),
    };

    public static bool TryParse(string name, out LifecycleStage stage)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }
        stage = default;
        return false;
    }

    public static string StatusName(UseCaseStatus status) => status.ToString().ToLowerInvariant();
}
