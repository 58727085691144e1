using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The audit chain's blobs: append blobs <c>audit/segments/{first sequence:D16}.log</c>, each a run
/// of JSON lines, one block per group of entries sealed together. Every write is conditional:
/// a segment is created with If-None-Match:* and a block is appended with
/// If-Append-Position-Equal at the end the writer has read, so of two replicas appending at the
/// same place exactly one succeeds. Each block starts with a line <c>#{block id}</c>, unique to
/// the attempt that wrote it, so a writer whose append was retried recognises its own block by id:
/// entries' content cannot tell (two replicas can seal identical entries at the same place).
/// Azure's answers stay in here.
/// </summary>
internal sealed class AuditSegments(BlobContainerClient container, StoreResilience resilience)
{
    public const string Prefix = "audit/segments/";

    public static string Name(long firstSequence) => Prefix + firstSequence.ToString("D16", CultureInfo.InvariantCulture) + ".log";

    public async Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        await resilience.RunAsync(async token => await container.CreateIfNotExistsAsync(cancellationToken: token), cancellationToken);

    /// <summary>The first sequence of every segment, in order.</summary>
    public async Task<List<long>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await resilience.RunAsync(async token =>
            {
                var firsts = new List<long>();
                await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, token))
                {
                    if (long.TryParse(blob.Name.AsSpan(Prefix.Length, 16), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
                    {
                        firsts.Add(first);
                    }
                }
                firsts.Sort();
                return firsts;
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // no container yet
        }
    }

    /// <summary>Creates the segment unless it exists; false when another writer (or a retried attempt) created it first.</summary>
    public async Task<bool> TryCreateAsync(long firstSequence, CancellationToken cancellationToken)
    {
        try
        {
            await resilience.RunAsync(async token => await container.GetAppendBlobClient(Name(firstSequence)).CreateAsync(
                new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }, token), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Appends one block at <paramref name="position"/>; false when the segment no longer ends there.</summary>
    public async Task<bool> TryAppendAsync(long firstSequence, long position, byte[] block, CancellationToken cancellationToken)
    {
        try
        {
            await resilience.RunAsync(async token =>
            {
                using var content = new MemoryStream(block, writable: false);
                return (await container.GetAppendBlobClient(Name(firstSequence)).AppendBlockAsync(content, new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position },
                }, token)).Value;
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The entries from byte <paramref name="offset"/> (the end of a block) to the segment's end, and
    /// the new end; null when the segment does not exist.
    /// </summary>
    public async Task<Appended?> ReadFromAsync(long firstSequence, long offset, CancellationToken cancellationToken)
    {
        BinaryData content;
        try
        {
            // From the byte before the offset (the last block's newline): a range starting at the
            // very end would be refused as unsatisfiable, the idle case of every refresh.
            content = await resilience.RunAsync(async token => (await container.GetBlobClient(Name(firstSequence)).DownloadContentAsync(
                new BlobDownloadOptions { Range = offset == 0 ? default : new HttpRange(offset - 1) }, token)).Value.Content, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        var bytes = content.ToMemory();
        if (offset > 0)
        {
            bytes = bytes.Span is [(byte)'\n', ..] ? bytes[1..] : throw new InvalidDataException($"Audit segment {Name(firstSequence)} does not end a block at byte {offset}.");
        }
        // Blocks are appended whole and each ends with a newline; anything after the last one is not a block.
        var complete = bytes.Span.LastIndexOf((byte)'\n') + 1;
        var (entries, blocks) = Parse(bytes[..complete], firstSequence);
        return new Appended(entries, blocks, offset + complete);
    }

    private static (List<AuditEntry> Entries, List<string> Blocks) Parse(ReadOnlyMemory<byte> lines, long firstSequence)
    {
        var entries = new List<AuditEntry>();
        var blocks = new List<string>();
        while (!lines.IsEmpty)
        {
            var end = lines.Span.IndexOf((byte)'\n');
            if (lines.Span[0] == (byte)'#')
            {
                blocks.Add(System.Text.Encoding.UTF8.GetString(lines.Span[1..end]));
                lines = lines[(end + 1)..];
                continue;
            }
            try
            {
                entries.Add(JsonSerializer.Deserialize(lines.Span[..end], AuditJsonContext.Default.AuditEntry)
                    ?? throw new InvalidDataException("An empty audit entry."));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"An entry of audit segment {Name(firstSequence)} after sequence {entries.LastOrDefault()?.Sequence ?? firstSequence - 1} is not readable.", ex);
            }
            lines = lines[(end + 1)..];
        }
        return (entries, blocks);
    }

    /// <summary>One block: its id line, then its entries as JSON lines.</summary>
    public static byte[] Serialize(string blockId, IReadOnlyList<AuditEntry> entries)
    {
        using var buffer = new MemoryStream();
        buffer.Write(System.Text.Encoding.UTF8.GetBytes("#" + blockId + "\n"));
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(buffer, entry, AuditJsonContext.Default.AuditEntry);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }
}

/// <summary>What a read found after an offset: the entries, the ids of the blocks they came in, and the new end.</summary>
internal sealed record Appended(List<AuditEntry> Entries, List<string> Blocks, long End);
