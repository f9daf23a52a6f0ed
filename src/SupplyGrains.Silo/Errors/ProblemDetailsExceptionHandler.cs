using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SupplyGrains.Contracts;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;

namespace SupplyGrains.Silo.Errors;

/// <summary>
/// Maps what grains and model binding throw to RFC 9457 problem details: bad input → 400 naming each field, an
/// unknown id → 404, a contradiction of the current state → 409, the store or cluster away → 503. Anything else
/// is a real fault and stays a 500.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainValidationException e => Validation(e.Errors.ToDictionary(kv => FieldName.ToJson(kv.Key), kv => kv.Value)),
            BadHttpRequestException { InnerException: JsonException json } => Validation(FromJson(json)),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad request", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = e.Message },
            ConflictException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = e.Message },
            _ when StoreUnavailableException.IsCauseOf(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The store could not be reached; nothing of this request was kept. Retry shortly.",
            },
            BookReloadingException e => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The allocation book of '{e.ProductLine}' is being read back from the store after a failed write (the cluster is changing); nothing was put in it. Retry shortly.",
            },
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The cluster could not serve the request in time; retry shortly.",
            },
            _ when GrainCouldNotBePlaced(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "This silo could not place the grain (the cluster is changing, or this silo is leaving it); nothing was done. Retry shortly, on another silo if you can.",
            },
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) logger.LogWarning(exception, "Request failed: cluster or store unavailable");
        context.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// Orleans gives these as plain <see cref="OrleansException"/>s, told apart only by their messages, on a silo the
    /// others have declared dead, in the seconds before it stops: the grain directory refuses to register a new
    /// activation on it (PostgresClusterTests, a frozen silo woken), or its placement knows no active silo for the
    /// grain (seen once in a benchmark, on a silo whose address a newer one had taken). Neither did anything, so the
    /// client may retry, on another silo.
    /// </summary>
    private static readonly string[] LeavingTheCluster = ["No active nodes are compatible with grain", " on invalid silo: "];

    private static bool GrainCouldNotBePlaced(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e.GetType() == typeof(OrleansException) && LeavingTheCluster.Any(m => e.Message.Contains(m, StringComparison.Ordinal)))
                return true;
        return false;
    }

    private static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "One or more fields are invalid.",
    };

    /// <summary>A JSON error names the field by its path (<c>$.quantity</c>), or for missing fields in the message.</summary>
    private static Dictionary<string, string[]> FromJson(JsonException json)
    {
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
            return missing.Groups[1].Value.Split(", ").ToDictionary(f => f.Trim('\''), _ => new[] { "is required" });
        var field = json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.');
        var message = json.InnerException?.Message ?? FirstSentence(json.Message);
        return new() { [field] = [message] };
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    [GeneratedRegex("missing required properties including: (.+)\\.")]
    private static partial Regex MissingProperties();
}
