using Microsoft.OpenApi.Models;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// The OpenAPI document of the REST API, built by Microsoft.AspNetCore.Grpc.Swagger from the same
/// <c>google.api.http</c> annotations the JSON transcoding serves, with the proto comments (the
/// contracts' XML documentation) as descriptions. Served without a credential at
/// <c>/openapi/v1.json</c>, like reflection for gRPC clients.
/// </summary>
internal static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddRestOpenApi(this IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CircularPartners.DataSpace connector",
                Version = "v1",
                Description = "REST (JSON transcoding) of the connector's gRPC services. Every call but this document needs "
                    + "'Authorization: Bearer <membership credential>'; requests with a body need 'Content-Type: application/json'.",
            });
            var contracts = Path.Combine(AppContext.BaseDirectory, "CircularPartners.DataSpace.Contracts.xml");
            if (File.Exists(contracts))
            {
                options.IncludeXmlComments(contracts);
                options.IncludeGrpcXmlComments(contracts, includeControllerXmlComments: true);
            }
        });
        return services;
    }

    public static WebApplication MapRestOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        return app;
    }
}
