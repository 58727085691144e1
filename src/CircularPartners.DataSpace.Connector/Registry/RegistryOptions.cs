namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>The use-case registry (configuration section <c>Registry</c>).</summary>
internal sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// Seed file loaded into an empty registry (default <c>Registry/seed.json</c>, shipped next to
    /// the connector; a relative path is resolved against the connector's directory). Empty = no seed.
    /// </summary>
    public string SeedFile { get; set; } = Path.Combine("Registry", "seed.json");
}
