using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SignedAuditHead))]
internal sealed partial class AuditHeadJsonContext : JsonSerializerContext;

/// <summary>
/// Signed audit heads as JSON lines in a file of their own: the connector's heads under
/// <c>{DataDirectory}/audit-heads/signed-heads.log</c> (apart from the log they vouch for), the
/// heads a registry witnesses under <c>{DataDirectory}/membership/witnessed-audit-heads.log</c>.
/// Memory holds the latest head per participant and log.
/// </summary>
public sealed class FileAuditHeadStore : IAuditHeadStore, IDisposable
{
    private readonly JsonLinesFile<SignedAuditHead> _file;
    private readonly Dictionary<string, SignedAuditHead> _latest = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private SignedAuditHead? _last;

    private FileAuditHeadStore(string path)
    {
        _file = new JsonLinesFile<SignedAuditHead>(path, AuditHeadJsonContext.Default.SignedAuditHead);
        _file.Scan((head, _) => Remember(head));
    }

    /// <summary>The connector's own signed heads.</summary>
    public static FileAuditHeadStore OwnHeads(FileStoreOptions options) =>
        new(Path.Combine(options.DataDirectory, "audit-heads", "signed-heads.log"));

    /// <summary>The heads this connector witnesses for others (and itself, when it is the registry or stands alone).</summary>
    public static FileAuditHeadStore Witnessed(FileStoreOptions options) =>
        new(Path.Combine(options.DataDirectory, "membership", "witnessed-audit-heads.log"));

    public SignedAuditHead? Latest
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    public SignedAuditHead? LatestOf(string witnessKey)
    {
        lock (_lock)
        {
            return _latest.GetValueOrDefault(witnessKey);
        }
    }

    public async Task AppendAsync(SignedAuditHead head, CancellationToken cancellationToken)
    {
        await _file.AppendAsync(head, cancellationToken);
        Remember(head);
    }

    private void Remember(SignedAuditHead head)
    {
        lock (_lock)
        {
            _latest[head.WitnessKey] = head;
            _last = head;
        }
    }

    public void Dispose() => _file.Dispose();
}
