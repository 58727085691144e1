using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>The in-process test host logs warnings and errors only, although appsettings.json asks for Information.</summary>
public sealed class TestHostLoggingTests(ConnectorHostFixture fixture) : IClassFixture<ConnectorHostFixture>
{
    [Theory]
    [InlineData("CircularPartners.DataSpace.Connector.Hosting.IndexLoader")]
    [InlineData("Microsoft.Hosting.Lifetime")]
    public void Logger_TestHost_InformationIsOff(string category)
    {
        var logger = fixture.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }
}
