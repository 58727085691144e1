using CircularPartners.DataSpace.Connector.Backup;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// DiagnosticsService: an echo that does no work of its own, so a load test can compare any call
/// with the cost of the transport, the authentication and the credential check alone; and what
/// the connector is (operator, store) for <c>cpds status</c>.
/// </summary>
[Authorize]
internal sealed class DiagnosticsGrpcService(PublishPolicy publishing, IConfiguration configuration, IOptions<FileStoreOptions> files,
    IOptions<PublicViewOptions> publicView, BackupProgress backup) : DiagnosticsService.DiagnosticsServiceBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Payload = request.Payload });

    public override Task<ConnectorInfo> GetConnectorInfo(GetConnectorInfoRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var azure = StorageServiceCollectionExtensions.IsAzureBlob(configuration);
        return Task.FromResult(new ConnectorInfo
        {
            Operator = publishing.Operator,
            Store = azure ? "azure-blob" : "file",
            StoreLocation = azure
                ? configuration.GetSection("Storage:AzureBlob").Get<AzureBlobStoreOptions>()?.ContainerName ?? ""
                : Path.GetFullPath(files.Value.DataDirectory),
            Caller = caller.ParticipantId,
            CallerRoles = { caller.Roles.Order(StringComparer.Ordinal) },
            PublicView = publicView.Value.Enabled,
            Backup = Backup(backup.Read()),
        });
    }

    private static Contracts.V1.BackupStatus Backup(BackupProgress.Snapshot backup) => new()
    {
        Enabled = backup.Enabled,
        Target = backup.Target,
        BackedUpVersions = backup.BackedUp,
        PendingVersions = backup.Pending,
        LagSeconds = backup.LagSeconds,
        AlreadyPresentVersions = backup.AlreadyPresent,
        DamagedVersions = backup.Damaged,
        ConflictingVersions = backup.Conflicts,
        AuditHeadsCopied = backup.AuditHeads,
        Outage = backup.Outage ?? "",
    };
}
