using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport import FILE|DIR --from FORMAT</c>: publishes passports from an established format.
/// One file prints its mapping report (each source field and where it landed, each dropped one and
/// why); a directory is imported with the same progress, counts and refusals as
/// <c>passport publish</c>, and is as safe to run again: a file imported before is answered unchanged.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Calls in flight during a directory import: enough to hide the round trip, few enough to stay polite.</summary>
    private const int Concurrency = 4;

    public static Command Create(CommandRunner runner)
    {
        var path = new Argument<string>("FILE|DIR") { Description = "The source document (UTF-8, or UTF-16 with a byte-order mark), or a directory searched recursively" };
        var from = new Option<string>("--from")
        {
            Description = "Source format: en18223, untp, catenax, batterypass, openepcis or iec62474 (the connector names those it reads)",
            Required = true,
        };
        var supplied = new Option<string[]>("--set")
        {
            Description = "A value for a passport field the source lacks, as POINTER=VALUE (e.g. /economicOperator/name=\"ACME GmbH\"); repeatable",
            HelpName = "POINTER=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var reports = new Option<DirectoryInfo?>("--reports")
        {
            Description = "Write each file's mapping report to DIR as <file>.report.json",
            HelpName = "DIR",
        };
        var command = new Command("import", "Publish passports from an established format, with a mapping report") { path, from, supplied, reports };
        runner.Bind(command, async (parseResult, context) =>
        {
            var format = parseResult.GetRequiredValue(from).Trim().ToLowerInvariant();
            var template = new ImportPassportRequest { Format = format };
            foreach (var pair in parseResult.GetValue(supplied) ?? [])
            {
                var split = pair.IndexOf('=', StringComparison.Ordinal);
                if (split < 1)
                {
                    throw new CliUsageException($"--set takes POINTER=VALUE, not '{pair}'.");
                }
                template.Supplied[pair[..split]] = pair[(split + 1)..];
            }
            var source = parseResult.GetRequiredValue(path);
            var files = PublishInputs.Resolve(source, format switch { "iec62474" => [".xml"], "untp" => [".json", ".jsonld", ".jwt"], _ => [".json", ".jsonld"] });
            var reportDirectory = parseResult.GetValue(reports);
            reportDirectory?.Create();
            if (File.Exists(source))
            {
                return await ImportOneAsync(files[0], template, reportDirectory, context);
            }

            var tally = new PublishTally(files);
            var failure = await TallyProgress.RunAsync(tally, "imported", context, onAnswer => ImportAllAsync(tally, template, reportDirectory, context, onAnswer));
            tally.Complete = failure is null;
            PublishReport.Write(tally, context);
            if (failure is not null)
            {
                return PublishReport.Failed(tally, failure, context);
            }
            return tally.Refused > 0 ? ExitCodes.Rejected : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ImportOneAsync(string file, ImportPassportRequest template, DirectoryInfo? reportDirectory, CommandContext context)
    {
        var request = template.Clone();
        request.Source = ByteString.CopyFrom(await PublishInputs.ReadAsync(file, context.CancellationToken));
        var response = await context.Passports.ImportPassportAsync(request, context.CallOptions());
        await WriteReportAsync(reportDirectory, file, response, context.CancellationToken);
        if (context.Json)
        {
            context.Out.WriteLine(PassportFormatter.ToJson(response));
            return ExitCodes.Success;
        }
        var report = response.Report;
        var passport = response.Passport;
        context.Out.WriteLine($"{(passport.Unchanged ? "unchanged" : "published")} {passport.PassportId} version {passport.Version} ({passport.SchemaId})");
        context.Out.WriteLine($"source: {report.Format}, {report.Encoding}, sha256 {report.SourceSha256}");
        foreach (var mapped in report.Mapped)
        {
            context.Out.WriteLine($"mapped  {mapped.Source} -> {mapped.Target}");
        }
        foreach (var dropped in report.Dropped)
        {
            context.Out.WriteLine($"dropped {dropped.Source}: {dropped.Reason}");
        }
        foreach (var note in report.SchemaNotes)
        {
            context.Out.WriteLine($"note: {note}");
        }
        context.Out.WriteLine($"{report.Mapped.Count} mapped, {report.Dropped.Count} dropped");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Imports every file, a few at a time, answering each into the tally as it arrives: a refusal
    /// (the connector's status with its details) is that file's result and the run goes on; a
    /// failure of the connection or the credential stops the run and is returned.
    /// </summary>
    private static async Task<Exception?> ImportAllAsync(PublishTally tally, ImportPassportRequest template, DirectoryInfo? reportDirectory,
        CommandContext context, Action onAnswer)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        Exception? failure = null;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, tally.Files.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stop.Token },
                async (index, cancellationToken) =>
                {
                    var file = tally.Files[index];
                    var request = template.Clone();
                    request.Source = UnsafeByteOperations.UnsafeWrap(await PublishInputs.ReadAsync(file, cancellationToken));
                    lock (tally)
                    {
                        tally.Sent++;
                    }
                    try
                    {
                        var response = await context.Passports.ImportPassportAsync(request, context.CallOptions());
                        await WriteReportAsync(reportDirectory, file, response, cancellationToken);
                        tally.Add(new PublishResult { Index = index, PassportId = response.Passport.PassportId, Passport = response.Passport });
                    }
                    catch (RpcException ex) when (IsRefusal(ex))
                    {
                        tally.Add(new PublishResult
                        {
                            Index = index,
                            Error = ex.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)ex.StatusCode, Message = ex.Status.Detail },
                        });
                    }
                    onAnswer();
                });
        }
        catch (Exception ex)
        {
            // Whatever was answered is in the tally; the rest counts as not imported.
            failure = ex;
        }
        return failure;
    }

    /// <summary>The connector read the file and refused it (schema, policy, conflict): that file's answer, not the run's end.</summary>
    private static bool IsRefusal(RpcException ex) => ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition
        or StatusCode.PermissionDenied or StatusCode.AlreadyExists or StatusCode.Aborted or StatusCode.OutOfRange;

    private static async Task WriteReportAsync(DirectoryInfo? directory, string file, ImportPassportResponse response, CancellationToken cancellationToken)
    {
        if (directory is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, Path.GetFileName(file) + ".report.json"),
                PassportFormatter.ToJson(response), cancellationToken);
        }
    }
}
