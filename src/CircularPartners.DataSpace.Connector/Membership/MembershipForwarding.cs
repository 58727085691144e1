using System.Collections.Frozen;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// MembershipService's goal, achievement-report, import, analytics and vocabulary calls on a
/// member's connector (one with <c>Identity:RegistryAddress</c>): there is one membership registry,
/// the secretariat's, so each such call is passed on to it under the caller's own credential and
/// its answer (or refusal, with its details) comes back as is. One interceptor on the service
/// rather than a branch in every method: the service's own methods run only on the secretariat's.
/// </summary>
internal sealed class MembershipForwarding(IOptions<IdentityOptions> identity, IConnectorChannels channels, TimeProvider time) : Interceptor
{
    private static readonly string[] ForwardedNames =
    [
        "GetGoalVocabulary", "CreateGoal", "UpdateGoal", "GetGoal", "ListGoals", "DeleteGoal", "ClassifyGoal",
        "AddAchievementReport", "ListAchievementReports", "ImportMembers", "ImportGoals",
        "GetSubmissionRates", "GetGoalsByIndicator", "GetGoalsByKind", "GetProgress", "GetPendingSubmitters", "ExportAnalyticsTable",
    ];

    /// <summary>The forwarded methods, by the path <see cref="ServerCallContext.Method"/> gives.</summary>
    private static readonly FrozenDictionary<string, MethodDescriptor> Forwarded = ForwardedNames
        .Select(name => MembershipService.Descriptor.FindMethodByName(name) ?? throw new InvalidOperationException($"MembershipService has no method '{name}'."))
        .ToFrozenDictionary(m => $"/{MembershipService.Descriptor.FullName}/{m.Name}", StringComparer.Ordinal);

    private string Registry => identity.Value.RegistryAddress!;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!Forwarded.TryGetValue(context.Method, out var descriptor))
        {
            return await continuation(request, context);
        }
        var method = new Method<TRequest, TResponse>(MethodType.Unary, MembershipService.Descriptor.FullName, descriptor.Name,
            Marshaller<TRequest>(descriptor.InputType.Parser), Marshaller<TResponse>(descriptor.OutputType.Parser));
        return await SecretariatCall.ForwardAsync("membership registry", Registry, context, time,
            options => channels.For(Registry).CreateCallInvoker().AsyncUnaryCall(method, null, options, request));
    }

    private static Marshaller<T> Marshaller<T>(MessageParser parser) =>
        Marshallers.Create(message => ((IMessage)message!).ToByteArray(), bytes => (T)parser.ParseFrom(bytes));
}
