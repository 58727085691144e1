using System.Collections.Concurrent;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Wire = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// The secretariat's side of the revocation feed: every following connector gets each
/// revocation and acknowledges it; a revocation call returns once all have (or the wait for a
/// silent follower times out, which is logged by the follower reconnecting with its backlog).
/// A member going away (restart, network drop, shutdown) is expected: it is logged as
/// information and the stream ends quietly, never as a failure of the secretariat.
/// </summary>
internal sealed class RevocationBroadcaster(ILogger<RevocationBroadcaster> logger) : IRevocationBroadcaster
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<Guid, Follower> _followers = new();

    /// <summary>Connectors currently following the feed.</summary>
    public int FollowerCount => _followers.Count;

    public async Task BroadcastAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_followers.Values.Select(f => f.SendAndWaitAsync(revocation, cancellationToken)));
    }

    /// <summary>Serves one follower until it disconnects: its backlog first, then live revocations.</summary>
    public async Task FollowAsync(IAsyncStreamReader<Wire.RevocationAck> acks, IServerStreamWriter<Wire.Revocation> writer,
        IReadOnlyList<Revocation> history, CancellationToken cancellationToken)
    {
        try
        {
            if (await acks.MoveNext(cancellationToken))
            {
                await ServeAsync(acks, writer, history, cancellationToken);
            }
        }
        catch (Exception ex) when (IsDisconnect(ex, cancellationToken))
        {
            FederationLog.RevocationFollowerLeft(logger, ex is IOException ? "connection reset" : "call ended");
        }
    }

    /// <summary>
    /// How a follower's departure surfaces on the server: the call's token fires (a cancelled read
    /// or write, or a write to a completed response), or a read of the reset request stream fails.
    /// </summary>
    private static bool IsDisconnect(Exception exception, CancellationToken call) =>
        exception is IOException
        || (call.IsCancellationRequested && exception is OperationCanceledException or InvalidOperationException or RpcException { StatusCode: StatusCode.Cancelled });

    private async Task ServeAsync(IAsyncStreamReader<Wire.RevocationAck> acks, IServerStreamWriter<Wire.Revocation> writer,
        IReadOnlyList<Revocation> history, CancellationToken cancellationToken)
    {
        using var follower = new Follower(writer);
        follower.Acknowledge(acks.Current.Sequence);
        _followers[follower.Id] = follower;
        try
        {
            foreach (var missed in history.Where(r => r.Sequence > acks.Current.Sequence))
            {
                await follower.SendAsync(missed, cancellationToken);
            }
            while (await acks.MoveNext(cancellationToken))
            {
                follower.Acknowledge(acks.Current.Sequence);
            }
        }
        finally
        {
            _followers.TryRemove(follower.Id, out _);
            follower.Acknowledge(long.MaxValue); // nobody waits on a follower that is gone
        }
    }

    public static Wire.Revocation ToWire(Revocation r) => new()
    {
        Sequence = r.Sequence,
        ParticipantId = r.ParticipantId ?? "",
        CredentialId = r.CredentialId ?? "",
        RevokedAt = Timestamp.FromDateTimeOffset(r.RevokedAt),
    };

    private sealed class Follower(IServerStreamWriter<Wire.Revocation> writer) : IDisposable
    {
        private readonly SemaphoreSlim _writeGate = new(1, 1);
        private readonly Lock _gate = new();
        private readonly List<(long Sequence, TaskCompletionSource Done)> _waiting = [];
        private long _acknowledged;

        public Guid Id { get; } = Guid.NewGuid();

        public async Task SendAsync(Revocation revocation, CancellationToken cancellationToken)
        {
            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                await writer.WriteAsync(ToWire(revocation), cancellationToken);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        public async Task SendAndWaitAsync(Revocation revocation, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_acknowledged >= revocation.Sequence)
                {
                    return;
                }
                _waiting.Add((revocation.Sequence, done));
            }
            try
            {
                await SendAsync(revocation, cancellationToken);
                await done.Task.WaitAsync(AckTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
            {
                // A follower that cannot be reached catches up from the backlog when it reconnects.
            }
        }

        public void Dispose() => _writeGate.Dispose();

        public void Acknowledge(long sequence)
        {
            lock (_gate)
            {
                _acknowledged = Math.Max(_acknowledged, sequence);
                foreach (var waiting in _waiting.Where(w => w.Sequence <= _acknowledged).ToList())
                {
                    waiting.Done.TrySetResult();
                    _waiting.Remove(waiting);
                }
            }
        }
    }
}
