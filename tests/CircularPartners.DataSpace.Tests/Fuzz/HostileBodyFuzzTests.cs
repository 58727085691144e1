using System.Net;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using CsCheck;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Fuzz;

/// <summary>
/// Mutated example passports (bit flips, truncations, lone surrogates, overlong UTF-8, byte-order
/// marks, NaN / 1e400 / -0, duplicate keys, deep nesting, huge strings) sent through gRPC and REST:
/// never an internal error, every refusal INVALID_ARGUMENT with its reason (or a policy refusal),
/// nothing refused is stored, and the connector stays healthy. A fixed seed runs in CI; for a
/// longer run: <c>FUZZ_ITERATIONS=5000 FUZZ_SEED= dotnet test --filter HostileBodyFuzzTests</c>.
/// </summary>
public sealed class HostileBodyFuzzTests
{
    private const string Publisher = "1010001000001";
    private static readonly StatusCode[] Refusals = [StatusCode.InvalidArgument, StatusCode.PermissionDenied, StatusCode.Aborted, StatusCode.FailedPrecondition];

    private enum Mutation { None, BitFlips, Truncate, LoneSurrogateValue, LoneSurrogateKey, OverlongUtf8, ByteOrderMark, OddNumber, DuplicateKey, DeepNesting, HugeString }

    private sealed record Sample(string UseCase, Mutation Mutation, int A, int B, bool OverRest)
    {
        public override string ToString() => $"{UseCase} {Mutation}({A},{B}) via {(OverRest ? "REST" : "gRPC")}";
    }

    [Fact]
    public async Task Publish_MutatedBodies_NeverInternal_NothingRefusedStored()
    {
        using var host = new ConnectorHost();
        var client = host.PassportClient(Publisher);
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", host.CredentialFor(Publisher));
        var accepted = new HashSet<string>();
        var refused = new HashSet<string>();
        var gen = Gen.Select(Gen.OneOf(Passports.UseCases), Gen.Enum<Mutation>(), Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Gen.Bool,
            (useCase, mutation, a, b, rest) => new Sample(useCase, mutation, a, b, rest));

        await gen.SampleAsync(async sample =>
        {
            var request = Passports.Request(sample.UseCase);
            var body = Mutate(Encoding.UTF8.GetBytes(request.Json), request.PassportId, sample);
            var outcome = sample.OverRest ? await PublishRestAsync(http, request, body) : await PublishGrpcAsync(client, request, body);
            Assert.True(outcome is null || Refusals.Contains(outcome.Value), $"{sample}: {outcome}");
            (outcome is null ? accepted : refused).Add(request.PassportId);
        }, iter: Iterations(), threads: 1, seed: Seed());

        foreach (var id in refused)
        {
            await RpcAssert.FailsWith(StatusCode.NotFound, () => client.GetAsync(new GetPassportRequest { PassportId = id }).ResponseAsync);
        }
        Assert.NotEmpty(refused);
        Assert.NotEmpty(accepted); // unmutated and harmless mutations still publish: the checks are not refusing everything
        Assert.Equal(1, (await client.PublishAsync(Passports.Request("battery"))).Version);
        Assert.Contains("Healthy", await http.GetStringAsync("/healthz/live"), StringComparison.Ordinal);
    }

    private static long Iterations() => long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : 150;

    private static string? Seed() => Environment.GetEnvironmentVariable("FUZZ_SEED") is { } seed ? (seed.Length == 0 ? null : seed) : "cpdsFuzz0001";

    /// <summary>Null when stored; otherwise the refusal, after checking it is explained.</summary>
    private static async Task<StatusCode?> PublishGrpcAsync(PassportService.PassportServiceClient client, PublishRequest request, byte[] body)
    {
        try
        {
            await client.PublishAsync(new PublishRequest { PassportId = request.PassportId, SchemaId = request.SchemaId, JsonBytes = ByteString.CopyFrom(body) });
            return null;
        }
        catch (RpcException ex)
        {
            if (ex.StatusCode == StatusCode.InvalidArgument)
            {
                Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Reason.Length > 0);
            }
            return ex.StatusCode;
        }
    }

    private static async Task<StatusCode?> PublishRestAsync(HttpClient http, PublishRequest request, byte[] body)
    {
        var json = JsonSerializer.Serialize(new { passportId = request.PassportId, schemaId = request.SchemaId, jsonBytes = Convert.ToBase64String(body) });
        var response = await http.PostAsync("/v1/passports", new StringContent(json, Encoding.UTF8, "application/json"));
        if (response.IsSuccessStatusCode)
        {
            return null;
        }
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var code = (StatusCode)status.GetProperty("code").GetInt32();
        if (code == StatusCode.InvalidArgument)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("fieldViolations", status.GetProperty("details").GetRawText(), StringComparison.Ordinal);
        }
        return code;
    }

    private static byte[] Mutate(byte[] json, string passportId, Sample sample)
    {
        var (a, b) = (sample.A, sample.B);
        var text = Encoding.UTF8.GetString(json);
        switch (sample.Mutation)
        {
            case Mutation.BitFlips:
                for (var i = 0; i <= a % 4; i++)
                {
                    json[(int)(((long)a * 7919 + (long)i * b) % json.Length)] ^= (byte)(1 << ((b + i) % 8));
                }
                return json;
            case Mutation.Truncate:
                return json[..(a % json.Length)];
            case Mutation.LoneSurrogateValue:
                return Encoding.UTF8.GetBytes(InsertAfterNth(text, "\":\"", a, b % 2 == 0 ? "\\ud800" : "x\\udfff"));
            case Mutation.LoneSurrogateKey:
                return Encoding.UTF8.GetBytes("{\"\\ud83d" + (b % 2 == 0 ? "" : "k") + "\":1," + text[1..]);
            case Mutation.OverlongUtf8:
                var at = IndexAfterNth(json, "\":\""u8, a);
                return [.. json[..at], 0xC0, 0xAF, .. json[at..]];
            case Mutation.ByteOrderMark:
                byte[][] marks = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0x00, 0x00, 0xFE, 0xFF]];
                return [.. marks[a % marks.Length], .. json];
            case Mutation.OddNumber:
                string[] numbers = ["NaN", "1e400", "-0", "Infinity", "-1e-400", "01", "1.", "0x10", "99999999999999999999999999"];
                return Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(text, "(\"recycledContentPercent\":)[^,}]+", "${1}" + numbers[a % numbers.Length]));
            case Mutation.DuplicateKey:
                return Encoding.UTF8.GetBytes("{\"passportId\":\"" + passportId + "\"," + text[1..]);
            case Mutation.DeepNesting:
                var depth = 30 + a % 20_000;
                return Encoding.UTF8.GetBytes(text[..^1] + ",\"x\":" + new string('[', depth) + new string(']', depth) + "}");
            case Mutation.HugeString:
                var size = b % 5 == 0 ? 3 * 1024 * 1024 + a * 3 : 1024 + a % 100_000;
                return Encoding.UTF8.GetBytes(text[..^1] + ",\"padding\":\"" + new string('x', size) + "\"}");
            default:
                return json;
        }
    }

    private static string InsertAfterNth(string text, string marker, int n, string insert)
    {
        var positions = new List<int>();
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + 1, StringComparison.Ordinal))
        {
            positions.Add(i + marker.Length);
        }
        var at = positions[n % positions.Count];
        return text[..at] + insert + text[at..];
    }

    private static int IndexAfterNth(byte[] bytes, ReadOnlySpan<byte> marker, int n)
    {
        var positions = new List<int>();
        for (var i = 0; i + marker.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(marker))
            {
                positions.Add(i + marker.Length);
            }
        }
        return positions[n % positions.Count];
    }
}
