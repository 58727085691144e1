using CircularPartners.DataSpace.Portal.Hosting;

var app = PortalApplication.Build(args);
await app.RunAsync();
