using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Portal.Connectors;

/// <summary>The channels to the connectors the portal presents; tests route them to in-process hosts.</summary>
public interface IConnectorChannels
{
    /// <summary>The member's own connector: passports and sharing.</summary>
    GrpcChannel Home { get; }

    /// <summary>The secretariat's connector: membership, registry, goals and analytics.</summary>
    GrpcChannel Secretariat { get; }
}
