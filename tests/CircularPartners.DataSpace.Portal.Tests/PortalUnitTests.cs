using System.Text;
using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Hosting;
using CircularPartners.DataSpace.Portal.Identity;
using CircularPartners.DataSpace.Portal.Pages.Passports;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace CircularPartners.DataSpace.Portal.Tests;

/// <summary>The portal's few pieces of its own logic, without a browser.</summary>
public sealed class PortalUnitTests
{
    [Fact]
    public void CredentialPeek_Jwt_ReadsParticipantAndRoles()
    {
        var payload = Base64Url("{\"sub\":\"1010001000001\",\"roles\":[\"arterial\",\"secretariat\"],\"exp\":1900000000}");

        var facts = CredentialPeek.Read($"eyJhbGciOiJFUzI1NiJ9.{payload}.c2ln");

        Assert.NotNull(facts);
        Assert.Equal("1010001000001", facts.ParticipantId);
        Assert.Equal(["arterial", "secretariat"], facts.Roles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    public void CredentialPeek_NotACredential_ReturnsNull(string token) => Assert.Null(CredentialPeek.Read(token));

    [Fact]
    public void PassportFields_NestedBody_FlattensToEscapedPointers()
    {
        var fields = PassportFields.Flatten("{\"a\":{\"b/c\":1,\"d~e\":[\"x\",true]},\"n\":null}");

        Assert.Equal(
            [new PassportField("/a/b~1c", "1"), new PassportField("/a/d~0e/0", "x"), new PassportField("/a/d~0e/1", "true"), new PassportField("/n", "null")],
            fields);
    }

    [Fact]
    public void ApiError_PolicyDenial_NamesTheRule()
    {
        var status = new RpcStatus { Code = (int)Code.PermissionDenied, Message = "Only the secretariat may do this." };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "POLICY_DENIED", Metadata = { ["rule"] = "membership.secretariat-only" } }));

        var error = ApiError.From(status.ToRpcException());

        Assert.Equal((ApiErrorKind.Refused, "membership.secretariat-only", "Only the secretariat may do this."), (error.Kind, error.Rule, error.Message));
    }

    [Fact]
    public void ApiError_Validation_ListsEveryField()
    {
        var status = new RpcStatus { Code = (int)Code.InvalidArgument, Message = "The goal has 2 problem(s)." };
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "target_value", Description = "A quantitative goal needs a target value." });
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "unit", Description = "A unit is required." });
        status.Details.Add(Any.Pack(badRequest));

        var error = ApiError.From(status.ToRpcException());

        Assert.Equal(ApiErrorKind.Invalid, error.Kind);
        Assert.Equal(["target_value", "unit"], error.Fields.Select(f => f.Field));
    }

    [Fact]
    public void ApiError_TransportFailure_ShowsNoInternals()
    {
        var error = ApiError.From(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "Error connecting to subchannel.", new HttpRequestException("Connection refused (127.0.0.1:9)"))));

        Assert.Equal((ApiErrorKind.Unavailable, ""), (error.Kind, error.Message));
    }

    [Fact]
    public void PortalOptionsValidator_BadSettings_NamesEachSetting()
    {
        var result = new PortalOptionsValidator().Validate(null, new PortalOptions
        {
            Connector = "127.0.0.1:5080",
            CallTimeoutSeconds = 0,
            DevelopmentAutoSignIn = true,
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Portal:Connector", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Portal:CallTimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Portal:DevelopmentAutoSignIn", StringComparison.Ordinal));
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
