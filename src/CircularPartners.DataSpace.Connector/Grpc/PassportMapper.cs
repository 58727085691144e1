using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;
using Google.Protobuf.WellKnownTypes;
using DomainStatus = CircularPartners.DataSpace.Domain.Passports.PassportStatus;
using WireStatus = CircularPartners.DataSpace.Contracts.V1.PassportStatus;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>Maps between the wire contract and the domain.</summary>
internal static class PassportMapper
{
    public static Passport ToWire(PassportRecord record) => new()
    {
        PassportId = record.PassportId,
        Version = record.Version,
        Owner = record.Owner,
        SchemaId = record.SchemaId,
        ContentHash = record.ContentHash,
        CreatedAt = Timestamp.FromDateTimeOffset(record.CreatedAt),
        PublishedAt = Timestamp.FromDateTimeOffset(record.PublishedAt),
        Status = record.Status == DomainStatus.Withdrawn ? WireStatus.Withdrawn : WireStatus.Active,
        Json = record.Json,
        WithdrawalReason = record.WithdrawalReason ?? "",
    };

    /// <summary>A publish answer: the envelope without the body, marked when nothing was written.</summary>
    public static Passport ToWire(PublishOutcome outcome)
    {
        var passport = ToWire(outcome.Passport with { Json = "" });
        passport.Unchanged = outcome.Unchanged;
        return passport;
    }

    public static Contracts.V1.LifecycleEvent ToWire(Domain.Events.LifecycleEvent e) => new()
    {
        EventId = e.EventId,
        PassportId = e.PassportId,
        Author = e.Author,
        Type = e.Type,
        EventJson = e.EventJson,
        Signature = e.Signature,
        AgreementId = e.AgreementId ?? "",
        RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
    };

    public static PublishCommand ToCommand(PublishRequest request) => new(
        request.PassportId,
        request.SchemaId,
        request.BodyCase == PublishRequest.BodyOneofCase.JsonBytes
            ? PassportBody.FromBytes(request.JsonBytes.Memory)
            : PassportBody.FromText(request.Json),
        request.HasExpectedVersion ? request.ExpectedVersion : null,
        request.KeepUnknownSections);

    public static PassportQuery ToQuery(QueryRequest request) => new(
        [.. request.Material],
        [.. request.Cas],
        NullIfEmpty(request.Category),
        NullIfEmpty(request.UseCase),
        NullIfEmpty(request.Owner),
        request.HasRecycledContentMin ? request.RecycledContentMin : null,
        request.HasRecycledContentMax ? request.RecycledContentMax : null,
        request.Status == WireStatus.Withdrawn ? DomainStatus.Withdrawn : null,
        request.PageSize,
        NullIfEmpty(request.PageToken));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
