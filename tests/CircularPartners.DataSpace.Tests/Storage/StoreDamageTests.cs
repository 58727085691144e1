using System.Buffers.Binary;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// Bytes damaged in the middle of the log (bit flips, overwritten ranges) lose nothing else: after
/// a restart every acknowledged version whose bytes were not touched is served with its hash, and
/// every touched one is reported by passport id and version and answered with DATA_LOSS.
/// </summary>
public sealed class StoreDamageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rounds = 20;

    [Fact]
    public async Task Open_RandomDamageMidLog_KeepsEveryUntouchedVersionAndNamesEveryTouchedOne()
    {
        var (reported, survived, acknowledgedInAll) = (0, 0, 0);
        for (var round = 0; round < Rounds; round++)
        {
            var random = new Random(1000 + round);
            using var data = new TempDirectory();
            var options = new FileStoreOptions { DataDirectory = data.Path };
            var acknowledged = await PublishAsync(options, random);
            acknowledgedInAll += acknowledged.Count;
            var logPath = Path.Combine(data.Path, "passports", "passports.log");
            var bytes = await File.ReadAllBytesAsync(logPath);
            var frames = FramesOf(bytes);
            var damaged = Damage(bytes, frames, random);
            await File.WriteAllBytesAsync(logPath, bytes);

            var store = FilePassportStore.Open(options);
            await using var _ = store;
            var reportedVersions = store.Damage.SelectMany(d => d.Versions).ToHashSet();
            Assert.Equal(bytes.Length, new FileInfo(logPath).Length); // never truncated: the damage had valid frames after it
            foreach (var ((id, version), hash) in acknowledged)
            {
                var frame = frames[(id, version)];
                var touched = damaged.Any(d => d.Offset < frame.Offset + frame.Length && frame.Offset < d.Offset + d.Length);
                if (!touched)
                {
                    var record = await store.GetAsync(id, version, default);
                    Assert.True(record is not null && record.ContentHash == hash, $"round {round}: {id} v{version} lost or changed");
                    survived++;
                    continue;
                }
                Assert.Contains(new DamagedVersion(id, version), reportedVersions);
                var ex = await Assert.ThrowsAsync<StoreDataLossException>(() => store.GetAsync(id, version, default));
                Assert.Equal((id, version), (ex.PassportId, ex.Version));
                reported++;
            }
            // New writes still work, after the damaged log.
            var next = await store.AppendAsync(PassportStoreContract.Version("after-damage"), 0, default);
            Assert.Equal(1, next.Version);
        }
        Assert.True(reported > 0, "the rounds damaged nothing: the test would prove nothing");
        // The durability figures of docs/scale-out.md (not asserted beyond the rules above).
        output.WriteLine($"{Rounds} rounds: {acknowledgedInAll} versions acknowledged, {survived} untouched and served with their hash, {reported} damaged and reported by id, 0 lost");
    }

    [Fact]
    public async Task Read_RecordDamagedWhileRunning_IsDataLossAndReported()
    {
        using var data = new TempDirectory();
        var options = new FileStoreOptions { DataDirectory = data.Path };
        var store = FilePassportStore.Open(options);
        await using var _ = store;
        await store.AppendAsync(PassportStoreContract.Version("a", json: "{\"n\":1}"), 0, default);
        var b = await store.AppendAsync(PassportStoreContract.Version("b", json: "{\"n\":2}"), 0, default);
        var logPath = Path.Combine(data.Path, "passports", "passports.log");
        var frames = FramesOf(await File.ReadAllBytesAsync(logPath));
        await using (var log = new FileStream(logPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            log.Position = frames[("a", 1)].Offset + frames[("a", 1)].Length - 2;
            log.WriteByte((byte)'#');
        }

        var ex = await Assert.ThrowsAsync<StoreDataLossException>(() => store.GetAsync("a", null, default));
        Assert.Equal("a", ex.PassportId);
        Assert.Contains(store.Damage, d => d.Versions.Contains(new DamagedVersion("a", 1)));
        Assert.Equal(b.ContentHash, (await store.GetAsync("b", null, default))!.ContentHash);
    }

    [Fact]
    public async Task Open_LogCutAtAFrameBoundary_NamesTheLostVersions()
    {
        using var data = new TempDirectory();
        var options = new FileStoreOptions { DataDirectory = data.Path };
        var store = FilePassportStore.Open(options);
        await store.AppendAsync(PassportStoreContract.Version("kept", json: "{\"n\":1}"), 0, default);
        await store.AppendAsync(PassportStoreContract.Version("lost", json: "{\"n\":2}"), 0, default);
        await store.DisposeAsync();
        var logPath = Path.Combine(data.Path, "passports", "passports.log");
        var frames = FramesOf(await File.ReadAllBytesAsync(logPath));
        await using (var log = new FileStream(logPath, FileMode.Open, FileAccess.Write))
        {
            log.SetLength(frames[("lost", 1)].Offset); // no torn byte left to find
        }

        var reopened = FilePassportStore.Open(options);
        await using var _ = reopened;

        Assert.Contains(reopened.Damage, d => d.Versions.Contains(new DamagedVersion("lost", 1)));
        await Assert.ThrowsAsync<StoreDataLossException>(() => reopened.GetAsync("lost", null, default));
        Assert.NotNull(await reopened.GetAsync("kept", null, default));
    }

    /// <summary>About 150 passports, some with up to three versions, interleaved as real publishing is.</summary>
    private static async Task<Dictionary<(string, long), string>> PublishAsync(FileStoreOptions options, Random random)
    {
        var acknowledged = new Dictionary<(string, long), string>();
        var store = FilePassportStore.Open(options);
        await using var _ = store;
        var versions = new Dictionary<string, long>();
        for (var i = 0; i < 220; i++)
        {
            var id = $"urn:uuid:passport-{random.Next(150)}";
            var version = versions.GetValueOrDefault(id);
            var json = $"{{\"n\":{i},\"padding\":\"{new string('x', random.Next(200, 3000))}\"}}";
            var record = await store.AppendAsync(PassportStoreContract.Version(id, json: json) with { ContentHash = $"hash-{i}" }, version, default);
            versions[id] = record.Version;
            acknowledged[(id, record.Version)] = record.ContentHash;
        }
        return acknowledged;
    }

    /// <summary>Bit flips or an overwritten range somewhere in the first 90 % of the log (a valid frame always follows).</summary>
    private static List<(long Offset, long Length)> Damage(byte[] bytes, Dictionary<(string, long), (long Offset, int Length)> frames, Random random)
    {
        var lastFrame = frames.Values.Max(f => f.Offset);
        var damaged = new List<(long, long)>();
        if (random.Next(2) == 0)
        {
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                var at = random.NextInt64(0, lastFrame);
                bytes[at] ^= (byte)(1 << random.Next(8));
                damaged.Add((at, 1));
            }
        }
        else
        {
            var at = random.NextInt64(0, lastFrame - 1);
            var length = Math.Min(random.Next(1, 8000), lastFrame - at);
            random.NextBytes(bytes.AsSpan((int)at, (int)length));
            damaged.Add((at, length));
        }
        return damaged;
    }

    /// <summary>Where each version's frame is, read from the intact log.</summary>
    private static Dictionary<(string, long), (long Offset, int Length)> FramesOf(byte[] log)
    {
        var frames = new Dictionary<(string, long), (long, int)>();
        for (var offset = 0; offset < log.Length;)
        {
            var length = RecordFrame.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(log.AsSpan(offset + 4));
            var record = System.Text.Json.JsonDocument.Parse(log.AsMemory(offset + RecordFrame.HeaderSize, length - RecordFrame.HeaderSize)).RootElement;
            frames[(record.GetProperty("passportId").GetString()!, record.GetProperty("version").GetInt64())] = (offset, length);
            offset += length;
        }
        return frames;
    }
}
