namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>One connector host shared by the tests of a class.</summary>
public sealed class ConnectorHostFixture : IDisposable
{
    public ConnectorHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}
