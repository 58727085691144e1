using System.Reflection;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Publishing;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// The Helm chart and the Dockerfile only set settings the connector actually reads, and the chart's
/// values.schema.json refuses values that would split or lose state.
/// </summary>
public sealed partial class ChartSettingsTests
{
    private static readonly string Chart = Path.Combine(RepositoryPaths.Root, "charts", "circularpartners-dataspace");

    /// <summary>Configuration sections and the options classes bound to them.</summary>
    private static readonly Dictionary<string, Type[]> Sections = new(StringComparer.Ordinal)
    {
        ["Passports"] = [typeof(PassportOptions)],
        ["Storage"] = [typeof(FileStoreOptions), typeof(StorageOptions)],
        ["Storage:AzureBlob"] = [typeof(AzureBlobStoreOptions)],
        ["Identity"] = [typeof(IdentityOptions)],
        ["Sharing"] = [typeof(SharingOptions)],
        ["Audit"] = [typeof(AuditOptions)],
        ["Connector"] = [typeof(ConnectorOptions)],
        ["Publishing"] = [typeof(PublishingOptions)],
        ["Telemetry"] = [typeof(TelemetryOptions)],
        ["PublicView"] = [typeof(PublicViewOptions)],
        ["Backup"] = [typeof(CircularPartners.DataSpace.Connector.Backup.BackupOptions)],
        ["Backup:AzureBlob"] = [typeof(CircularPartners.DataSpace.Storage.Backup.AzureBlobBackupOptions)],
        ["Registry"] = [typeof(CircularPartners.DataSpace.Connector.Registry.RegistryOptions)],
    };

    /// <summary>The OpenTelemetry SDK's standard variables the chart may set (read by the SDK, not by an options class).</summary>
    private static readonly HashSet<string> OpenTelemetryVariables = new(StringComparer.Ordinal)
    {
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
    };

    public static TheoryData<string> EnvironmentNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in ChartEnvironmentNames().Concat(DockerfileEnvironmentNames()).Distinct(StringComparer.Ordinal))
        {
            names.Add(name);
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(EnvironmentNames))]
    public void EnvironmentName_BindsAnOptionsPropertyTheConnectorReads(string name)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        Assert.True(IsKnownSetting(key), $"The chart sets {name}, but no options class reads {key}.");
    }

    [Fact]
    public void Chart_SetsTheStorageAndEndpointSettings()
    {
        var names = ChartEnvironmentNames().ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Storage__AzureBlob__ConnectionString", names);
        Assert.Contains("Storage__AzureBlob__ContainerName", names);
        Assert.Contains("Storage__Provider", names);
        Assert.Contains("Kestrel__Endpoints__Grpc__Url", names);
        Assert.Contains("Identity__IssuerPublicKeyPath", names);
    }

    [Fact]
    public void Chart_OpenTelemetryVariables_AreStandardOnesAndSwitchTelemetryOn()
    {
        var templates = Path.Combine(Chart, "templates");
        var text = File.ReadAllText(Path.Combine(templates, "configmap.yaml")) + File.ReadAllText(Path.Combine(templates, "deployment.yaml"));
        var names = OtelName().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(TelemetryOptions.OtlpEndpointVariable, names);
        Assert.All(names, name => Assert.Contains(name, OpenTelemetryVariables));
        Assert.Contains("Telemetry__Enabled", ChartEnvironmentNames());
    }

    [Fact]
    public async Task ValuesSchema_Defaults_AreOneReplicaOnTheEmbeddedStoreWithAPersistentVolume()
    {
        var values = DefaultValues();

        Assert.Empty(await ValidateAsync(values));
        Assert.Equal(1, (int)values["replicaCount"]!);
        Assert.False((bool)values["autoscaling"]!["enabled"]!);
        Assert.Equal("File", (string?)values["storage"]!["provider"]);
        Assert.True((bool)values["persistence"]!["enabled"]!);
        Assert.Equal("", (string?)values["persistence"]!["existingClaim"]);
    }

    [Theory]
    [InlineData("storage: {provider: AzureBlob}\nreplicaCount: 3\npersistence: {enabled: false}")]
    [InlineData("storage: {provider: AzureBlob}\npersistence: {enabled: false}\nautoscaling: {enabled: true, minReplicas: 2, maxReplicas: 10}")]
    [InlineData("storage: {provider: AzureBlob}\nreplicaCount: 2\npersistence: {existingClaim: shared-data}")]
    [InlineData("storage: {provider: AzureBlob}")]
    [InlineData("autoscaling: {enabled: false, minReplicas: 3, maxReplicas: 5}")]
    [InlineData("autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 1}")]
    [InlineData("persistence: {enabled: false}")]
    public async Task ValuesSchema_ConsistentValues_AreAccepted(string overrides)
    {
        Assert.Empty(await ValidateAsync(YamlValues.Merge(DefaultValues(), overrides)));
    }

    [Theory]
    [InlineData("replicaCount: 2")]
    [InlineData("replicaCount: 2\npersistence: {enabled: false}")]
    [InlineData("autoscaling: {enabled: true}")]
    [InlineData("autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 3}\npersistence: {enabled: false}")]
    [InlineData("storage: {provider: AzureBlob}\nreplicaCount: 2")]
    [InlineData("storage: {provider: AzureBlob}\nautoscaling: {enabled: true}")]
    [InlineData("storage: {provider: S3}")]
    [InlineData("replicaCount: 0")]
    [InlineData("replicaCount: \"2\"")]
    public async Task ValuesSchema_InconsistentValues_AreRefused(string overrides)
    {
        Assert.NotEmpty(await ValidateAsync(YamlValues.Merge(DefaultValues(), overrides)));
    }

    [Fact]
    public void IsKnownSetting_UnknownKey_IsRejected()
    {
        Assert.False(IsKnownSetting("Storage:AzureBlob:ContainerNmae"));
        Assert.False(IsKnownSetting("Kestrel:Endpoints:Admin:Url"));
        Assert.False(IsKnownSetting("Storrage:Provider"));
    }

    private static JObject DefaultValues() => YamlValues.Parse(File.ReadAllText(Path.Combine(Chart, "values.yaml")));

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> ValidateAsync(JObject values)
    {
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(Chart, "values.schema.json")));
        return schema.Validate(values);
    }

    private static bool IsKnownSetting(string key)
    {
        var kestrel = KestrelKey().Match(key);
        if (kestrel.Success)
        {
            return kestrel.Groups["endpoint"].Value is "Grpc" or "Rest";
        }
        var split = key.LastIndexOf(':');
        return split > 0
            && Sections.TryGetValue(key[..split], out var types)
            && types.Any(type => type.GetProperty(key[(split + 1)..], BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true });
    }

    private static IEnumerable<string> ChartEnvironmentNames()
    {
        var templates = Path.Combine(Chart, "templates");
        foreach (Match match in ConfigMapKey().Matches(File.ReadAllText(Path.Combine(templates, "configmap.yaml"))))
        {
            yield return match.Groups["name"].Value;
        }
        foreach (Match match in EnvName().Matches(File.ReadAllText(Path.Combine(templates, "deployment.yaml"))))
        {
            yield return match.Groups["name"].Value;
        }
    }

    private static IEnumerable<string> DockerfileEnvironmentNames() =>
        DockerEnv().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"))).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"^\s+(?<name>[A-Za-z]+(?:__[A-Za-z]+)+):", RegexOptions.Multiline)]
    private static partial Regex ConfigMapKey();

    [GeneratedRegex(@"-\s+name:\s+(?<name>[A-Za-z]+(?:__[A-Za-z]+)+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvName();

    [GeneratedRegex(@"(?<name>[A-Za-z]+(?:__[A-Za-z]+)+)=")]
    private static partial Regex DockerEnv();

    [GeneratedRegex(@"\b(?<name>OTEL_[A-Z_]+)\b")]
    private static partial Regex OtelName();

    [GeneratedRegex("^Kestrel:Endpoints:(?<endpoint>[A-Za-z]+):(Url|Protocols)$")]
    private static partial Regex KestrelKey();
}
