using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Participant))]
[JsonSerializable(typeof(Revocation))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;

/// <summary>Membership state under <c>{DataDirectory}/membership</c>: participant and revocation journals.</summary>
public sealed class FileMembershipStore : IMembershipStore, IDisposable
{
    private readonly JsonLinesFile<Participant> _participantFile;
    private readonly JsonLinesFile<Revocation> _revocationFile;
    private readonly ConcurrentDictionary<string, Participant> _participants = new(StringComparer.Ordinal);
    private readonly List<Revocation> _revocations;
    private readonly Lock _gate = new();

    public FileMembershipStore(FileStoreOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, "membership");
        _participantFile = new(Path.Combine(directory, "participants.jsonl"), MembershipJsonContext.Default.Participant);
        _revocationFile = new(Path.Combine(directory, "revocations.jsonl"), MembershipJsonContext.Default.Revocation);
        foreach (var participant in _participantFile.ReadAll())
        {
            _participants[participant.ParticipantId] = participant;
        }
        _revocations = [.. _revocationFile.ReadAll()];
    }

    public IReadOnlyCollection<Participant> Participants => [.. _participants.Values];

    public IReadOnlyList<Revocation> Revocations
    {
        get
        {
            lock (_gate)
            {
                return [.. _revocations];
            }
        }
    }

    public async Task SaveParticipantAsync(Participant participant, CancellationToken cancellationToken)
    {
        await _participantFile.AppendAsync(participant, cancellationToken);
        _participants[participant.ParticipantId] = participant;
    }

    /// <summary>A sequence is taken once, as on the shared store: the registry takes the next one on a conflict.</summary>
    public async Task SaveRevocationAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        Task durable;
        lock (_gate)
        {
            if (_revocations.Any(r => r.Sequence == revocation.Sequence))
            {
                throw new ConcurrentUpdateException($"Revocation sequence {revocation.Sequence} is taken.");
            }
            _revocations.Add(revocation);
            durable = _revocationFile.AppendAsync(revocation, cancellationToken);
        }
        try
        {
            await durable;
        }
        catch
        {
            lock (_gate)
            {
                _revocations.Remove(revocation); // not durable: not in force, and its sequence is free again
            }
            throw;
        }
    }

    public void Dispose()
    {
        _participantFile.Dispose();
        _revocationFile.Dispose();
    }
}
