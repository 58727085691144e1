# The connector image: build with the SDK, run on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CircularPartners.DataSpace.Connector/CircularPartners.DataSpace.Connector.csproj \
    -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Defaults for a container; the Helm chart sets the same keys explicitly.
ENV Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:8080 \
    Kestrel__Endpoints__Grpc__Protocols=Http2 \
    Kestrel__Endpoints__Rest__Url=http://0.0.0.0:8081 \
    Kestrel__Endpoints__Rest__Protocols=Http1 \
    Storage__DataDirectory=/data \
    DOTNET_EnableDiagnostics=0
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "CircularPartners.DataSpace.Connector.dll"]
