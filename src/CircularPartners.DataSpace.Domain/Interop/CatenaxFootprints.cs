namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The generic DPP's product footprints (its <c>material</c>, <c>carbon</c> and <c>environmental</c>
/// rows) as core/2.0 <c>environmentalFootprint</c> rows: indicator, value, unit and life-cycle stage
/// as declared (never converted), performance class and the https links to the rulebook and the
/// declaration. The plant a figure was measured at has no place there and is dropped.
/// </summary>
internal static class CatenaxFootprints
{
    public const string Rows = "/environmentalFootprint";

    /// <param name="field">The leaf's path below <c>sustainability/productFootprint/</c>, e.g. <c>carbon[]/value</c>.</param>
    public static bool Handle(CatenaxMapping mapping, SourceLeaf leaf, string field)
    {
        // One target row per source row: /sustainability/productFootprint/{kind}/{row}.
        var sourceRow = string.Join('/', leaf.Pointer.Split('/').Take(5));
        var target = $"{Rows}/{mapping.RowFor(Rows, sourceRow)}";
        return field[(field.IndexOf('/', StringComparison.Ordinal) + 1)..] switch
        {
            "value" => mapping.Number(leaf, target + "/value", double.MinValue),
            "type" => mapping.Text(leaf, target + "/indicator"),
            "unit" => mapping.Text(leaf, target + "/unit"),
            "lifecycle" => mapping.Text(leaf, target + "/lifecycleStage"),
            "performanceClass" => mapping.Text(leaf, target + "/performanceClass"),
            "rulebook[]/content" => mapping.Checked(leaf, target + "/rulebookUrl", ImportValues.IsHttpsUrl, "is not an https link"),
            "declaration[]/content" => mapping.Checked(leaf, target + "/declarationUrl", ImportValues.IsHttpsUrl, "is not an https link"),
            "rulebook[]/header" or "rulebook[]/contentType" or "declaration[]/header" or "declaration[]/contentType" =>
                mapping.Drop(leaf, "describes the link beside it (its title and kind)"),
            _ => mapping.Drop(leaf, "core/2.0 environmentalFootprint keeps each figure's indicator, value, unit, stage, class and links, not the plant it was measured at"),
        };
    }
}
