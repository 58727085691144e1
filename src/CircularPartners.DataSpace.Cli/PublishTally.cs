using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// The answers of one publish run as they arrive, by record index: acknowledged (stored as a new
/// version), skipped (identical to the current version, nothing written) or refused. What has
/// no answer when the run ends is not known to be stored.
/// </summary>
internal sealed class PublishTally(IReadOnlyList<string> files)
{
    private readonly IReadOnlyList<string> _files = files;
    private readonly PublishResult?[] _results = new PublishResult?[files.Count];
    private int _acknowledged;
    private int _skipped;
    private int _refused;

    public IReadOnlyList<string> Files => _files;

    /// <summary>Records written to the stream.</summary>
    public int Sent { get; set; }

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Skipped => Volatile.Read(ref _skipped);

    public int Refused => Volatile.Read(ref _refused);

    public int Answered => Acknowledged + Skipped + Refused;

    /// <summary>Answers the connector sent for records this run does not know (a duplicate or an index out of range).</summary>
    public int Unexpected { get; private set; }

    /// <summary>Every answer, in file order.</summary>
    public IEnumerable<PublishResult> Results => _results.OfType<PublishResult>();

    /// <summary>The stream ended normally: the connector answered every record it read.</summary>
    public bool Complete { get; set; }

    public void Add(PublishResult result)
    {
        if (result.Index < 0 || result.Index >= _results.Length || _results[result.Index] is not null)
        {
            Unexpected++;
            return;
        }

        _results[result.Index] = result;
        if (result.OutcomeCase != PublishResult.OutcomeOneofCase.Passport)
        {
            Interlocked.Increment(ref _refused);
        }
        else if (result.Passport.Unchanged)
        {
            Interlocked.Increment(ref _skipped);
        }
        else
        {
            Interlocked.Increment(ref _acknowledged);
        }
    }

    public string FileOf(int index) => index >= 0 && index < _files.Count ? _files[index] : $"(record {index})";
}
