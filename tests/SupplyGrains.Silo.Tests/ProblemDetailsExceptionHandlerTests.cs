using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Silo.Errors;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Failures of the cluster that a process test cannot bring about on demand, given to the handler directly (through
/// ASP.NET Core's own problem-details writer): they must tell the client to retry (503), not report a fault (500).
/// </summary>
public sealed class ProblemDetailsExceptionHandlerTests
{
    // What the grain directory on another silo says when a silo declared dead registers an activation (seen in
    // PostgresClusterTests), and what Orleans' placement says when this silo's membership view has no active silo for
    // the grain (seen in a benchmark).
    private const string InvalidSilo = "Trying to register order/o-kd49ea7bc6186894b87e0a073625605e on invalid silo: S127.0.0.1:44861:155027342. Known status: Dead";
    private const string NoActiveNodes = "No active nodes are compatible with grain customer and interface SupplyGrains.Contracts.Customers.ICustomerGrain version 0. Known nodes with grain type: none. All known nodes compatible with interface version: none";

    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    private static readonly ProblemDetailsExceptionHandler Handler =
        new(Services.GetRequiredService<IProblemDetailsService>(), NullLogger<ProblemDetailsExceptionHandler>.Instance);

    [Fact]
    public async Task NoActiveSiloToPlaceAGrainOn_IsA503()
    {
        var (status, problem) = await Handle(new OrleansException(NoActiveNodes));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnActivationRefusedOnASiloDeclaredDead_IsA503()
    {
        var (status, _) = await Handle(new OrleansException(InvalidSilo));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    [Fact]
    public async Task NoActiveSiloToPlaceAGrainOn_IsA503_AlsoWhenWrapped()
    {
        var (status, _) = await Handle(new AggregateException(new OrleansException(NoActiveNodes)));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    [Fact]
    public async Task ABookBeingReadBackAfterAFailedWrite_IsA503_NamingItsProductLine()
    {
        var (status, problem) = await Handle(new BookReloadingException("h200", "ETag mismatch"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains("'h200'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyOtherOrleansFailure_StaysAFault()
    {
        // Not handled here: ASP.NET Core's default answers it with a 500.
        Assert.False(await Handler.TryHandleAsync(new DefaultHttpContext { RequestServices = Services }, new OrleansException("Something else broke."), CancellationToken.None));
    }

    private static async Task<(int Status, JsonElement Problem)> Handle(Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Response.Body = new MemoryStream();

        Assert.True(await Handler.TryHandleAsync(context, exception, CancellationToken.None));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body));
    }
}
