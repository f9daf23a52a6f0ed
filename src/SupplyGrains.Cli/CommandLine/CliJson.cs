using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// JSON in and out with the HTTP API's contract (SPEC §5: camelCase, enums as strings, ISO weeks as <c>YYYY-Www</c>),
/// so a script written against the API reads the CLI's <c>--json</c> output and files the same way.
/// </summary>
/// <remarks>The silo's <c>ApiJson</c> lives in the host, which the CLI must not reference; these settings mirror it.</remarks>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>
    /// Writes straight to the output's writer: Spectre.Console would wrap long lines at the terminal's width and break
    /// the document for <c>jq</c>.
    /// </summary>
    public static void Write<T>(IAnsiConsole console, T value)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(JsonSerializer.Serialize(value, Options));
        writer.Write('\n');
        writer.Flush();
    }

    /// <summary>Reads a document a command was given; a syntax or shape error names the file, line, position and field.</summary>
    public static T Read<T>(FileInfo file) where T : class
    {
        if (!file.Exists) throw new InvalidInputException($"{file.FullName} does not exist.");
        try
        {
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidInputException($"{file.Name}: the document is empty (null).");
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            var field = e.Path is null or "$" ? "" : $" ({e.Path.TrimStart('$', '.')})";
            throw new InvalidInputException($"{file.Name}: {at}{field}: {FirstSentence(e.Message)}");
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null, // country codes and ids are keys as written
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
