using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>REST transcoding, health checks and reflection on the real host.</summary>
public sealed class HostSurfaceTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public HostSurfaceTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Theory]
    [InlineData("urn:uuid:5b0c56f4-7a51-4d84-9a4e-6f1f3f2d7c11")]
    [InlineData("https://id.gs1.org/01/04569987100999/21/SN-REST-1")]
    public async Task Rest_PublishThenGet_RoundTripsThroughTranscoding(string passportId)
    {
        using var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor("1010001000001"));
        var request = Passports.Request("office-equipment", id: passportId);
        var payload = JsonSerializer.Serialize(new { passportId = request.PassportId, schemaId = request.SchemaId, json = request.Json });

        using var published = await http.PostAsync("/v1/passports", new StringContent(payload, Encoding.UTF8, "application/json"));
        using var fetched = await http.GetAsync("/v1/passports/" + request.PassportId);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var body = JsonDocument.Parse(await fetched.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("PASSPORT_STATUS_ACTIVE", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rest_InvalidPassport_Is400WithViolations()
    {
        using var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor("1010001000001"));
        var payload = JsonSerializer.Serialize(new { passportId = "urn:uuid:0b7e6c55-0000-4000-8000-000000000001", schemaId = "cmp/1.0", json = "{\"passportId\":\"urn:uuid:0b7e6c55-0000-4000-8000-000000000001\"}" });

        using var response = await http.PostAsync("/v1/passports", new StringContent(payload, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("/product", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_WithoutCredential_Is401()
    {
        using var http = _host.CreateClient();
        using var response = await http.GetAsync("/v1/passports/urn:uuid:anything");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutCredential_ReportsServing()
    {
        var health = new Health.HealthClient(_host.Channel());
        var response = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListsThePassportService()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);
        Assert.Contains("circularpartners.dataspace.v1.PassportService", services);
    }
}
