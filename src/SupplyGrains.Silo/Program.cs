using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using SupplyGrains.Silo.Demo;
using SupplyGrains.Silo.Endpoints;
using SupplyGrains.Silo.Errors;
using SupplyGrains.Silo.Health;
using SupplyGrains.Silo.Hosting;
using SupplyGrains.Silo.Security;

// Settings and the demo files ship next to the binaries, so the silo reads them wherever it is started from;
// relative paths in settings (Storage:Path) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddSupplyGrainsSilo();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddSupplyGrainsSecurity(builder.Configuration, builder.Environment);
builder.Services.AddOpenApi(o => o.AddSchemaTransformer<IsoWeekSchemaTransformer>());
builder.Services.AddHealthChecks()
    .AddCheck<SiloReadiness>("silo", tags: ["ready", "startup"])
    .AddCheck<StoreReadiness>("store", tags: ["ready"])
    .AddCheck<MetricsWarmup>("metrics", tags: ["ready", "startup"]);
builder.Services.AddSingleton<MetricsWarmup>();
builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
builder.Services.AddHostedService<DemoLoader>();
builder.AddSupplyGrainsTelemetry();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
// Orleans' dashboard shows every grain's state: administrators only.
if (DashboardHosting.IsEnabled(app.Configuration)) app.MapOrleansDashboard("/dashboard").RequireAuthorization(Roles.AdminPolicy);
app.MapPrometheusScrapingEndpoint(TelemetryHosting.ScrapePath).AllowAnonymous();
app.WarmPrometheusScrapeOnStart();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
// Started once the silo is active and its start-up work is done; the store may come and go after that (readiness).
app.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = check => check.Tags.Contains("startup") }).AllowAnonymous();

app.MapGroup("").AddEndpointFilter<BlankRouteValueFilter>()
    .MapProductLineEndpoints()
    .MapFabEndpoints()
    .MapCustomerEndpoints()
    .MapOrderEndpoints()
    .MapPolicyEndpoints()
    .MapLicenseEndpoints()
    .MapAllocationRunEndpoints()
    .MapScenarioEndpoints();
app.MapPingEndpoints();

app.Run();
