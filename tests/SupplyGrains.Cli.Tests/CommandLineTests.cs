namespace SupplyGrains.Cli.Tests;

/// <summary>What the command line answers before any cluster is involved: help, usage errors, files it refuses.</summary>
public sealed class CommandLineTests
{
    private readonly Cli _cli = new(grains: null);

    [Fact]
    public async Task Help_ListsEveryExitCode_WithoutConnecting()
    {
        var result = await _cli.Run("--help");

        result.AssertExit(ExitCode.Ok);
        foreach (var (code, meaning) in ExitCode.All)
            Assert.Contains($"{code,3}  {meaning}", result.Out);
        Assert.Contains("scenario", result.Out);
        Assert.Contains("--gateway-port", result.Out);
        Assert.Equal(0, _cli.Connector.Connections);
    }

    [Fact]
    public void ExitCodes_AreFixed()
    {
        // Scripts branch on these numbers; changing one breaks them silently.
        Assert.Equal(
            [(0, "Ok"), (1, "Usage"), (2, "NotFound"), (3, "InvalidInput"), (4, "Conflict"), (5, "ClusterUnreachable"), (6, "Failure"), (130, "Interrupted")],
            typeof(ExitCode).GetFields().Where(f => f.IsLiteral).Select(f => ((int)f.GetValue(null)!, f.Name)).OrderBy(c => c.Item1));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 130], ExitCode.All.Select(c => c.Code));
    }

    [Fact]
    public void EveryCommand_TakesJson()
    {
        var root = SupplyGrainsCli.Build(_cli.Connector, new Terminal(new Spectre.Console.Testing.TestConsole(), new Spectre.Console.Testing.TestConsole()));
        var leaves = Leaves(root).ToList();

        Assert.Equal(
            ["orders cancel", "orders import", "orders import-decision", "orders list", "orders review", "orders show", "orders submit",
             "policy impact", "policy list", "policy publish", "policy show",
             "run commit", "run diff", "run list", "run preview", "run show", "scenario load", "supply show"],
            leaves.Select(c => $"{c.Parents.OfType<System.CommandLine.Command>().Single().Name} {c.Name}").Order(StringComparer.Ordinal));
        Assert.All(leaves, command =>
        {
            var parse = root.Parse([command.Parents.OfType<System.CommandLine.Command>().Single().Name, command.Name, "--json"]);
            Assert.DoesNotContain("--json", parse.UnmatchedTokens);
            Assert.DoesNotContain(parse.Errors, e => e.Message.Contains("--json", StringComparison.Ordinal));
        });
    }

    private static IEnumerable<System.CommandLine.Command> Leaves(System.CommandLine.Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);

    [Fact]
    public async Task SubcommandHelp_LeavesTheExitCodesToTheTop()
    {
        var result = await _cli.Run("run", "preview", "--help");

        result.AssertExit(ExitCode.Ok);
        Assert.Contains("--product-line", result.Out);
        Assert.DoesNotContain("Exit codes:", result.Out);
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError_WithASuggestion()
    {
        var result = await _cli.Run("run", "previe");

        result.AssertExit(ExitCode.Usage);
        Assert.Contains("Unrecognized command or argument 'previe'", result.Error);
        Assert.Contains("Did you mean", result.Out);
        Assert.Contains("preview", result.Out);
        Assert.Contains("Run 'supplygrains run --help' for usage.", result.Error);
        Assert.Equal(0, _cli.Connector.Connections);
    }

    [Fact]
    public async Task BadWeek_IsAUsageError_NamingTheValue()
    {
        var result = await _cli.Run("run", "preview", "-p", "h200", "--from", "2026-W99", "--to", "2027-W06");

        result.AssertExit(ExitCode.Usage);
        Assert.Contains("'2026-W99' is not an ISO week", result.Error);
        Assert.Equal(0, _cli.Connector.Connections);
    }

    [Fact]
    public async Task MissingRequiredOption_IsAUsageError()
    {
        var result = await _cli.Run("orders", "submit", "-c", "microsoft", "-p", "h200", "-q", "8", "-w", "2027-W01", "-u", "Training");

        result.AssertExit(ExitCode.Usage);
        Assert.Contains("--ship-to", result.Error);
    }

    [Fact]
    public async Task EndUserWithoutCountry_IsAUsageError()
    {
        var result = await _cli.Run("orders", "submit", "-c", "meridian", "-p", "h200", "-q", "8", "-w", "2027-W01", "-u", "Training",
            "--ship-to", "SG", "--end-user", "Ningbo Haixin");

        result.AssertExit(ExitCode.Usage);
        Assert.Contains("--end-user and --end-user-country go together", result.Error);
    }

    [Theory]
    [InlineData("--ratio", "CN:US")]
    [InlineData("--ratio", "china:US=0.5")]
    [InlineData("--country-quota", "CN=lots")]
    public async Task MalformedCap_IsAUsageError(string option, string value)
    {
        var result = await _cli.Run("run", "preview", "-p", "h200", "--from", "2026-W48", "--to", "2027-W06", option, value);

        result.AssertExit(ExitCode.Usage);
        Assert.Contains($"'{value}'", result.Error);
    }

    [Fact]
    public async Task InvalidId_IsAUsageError()
    {
        var result = await _cli.Run("orders", "show", "Not An Id");

        result.AssertExit(ExitCode.Usage);
        Assert.Contains("is not a valid id", result.Error);
    }

    [Fact]
    public async Task CsvWithBadRows_IsRefusedWithLineAndColumn_BeforeConnecting()
    {
        var file = Story.File("bad-orders.csv", """
            id,customerId,productLine,quantity,requestedWeek,useCase,shipToCountry,endUserName,endUserCountry,confirmationClass
            imp-1,microsoft,h200,800,2027-W10,Training,US,,,
            imp-2,meta,h200,eight,2027-W10,Training,US,,,
            imp-3,meta,h200,800,2027-W60,Teaching,usa,,,
            imp-1,amazon,h200,800,2027-W10,Training,US,,,Sometimes
            imp-5,amazon,h200,-8,2027-W10,Training,US,Someone,,
            imp-6,amazon,h200,800,2027-W10
            imp-7,"Meridian, Inc.",h200,800,2027-W10,Training,US,,,

            """);

        var result = await _cli.Run("orders", "import", file);

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Equal("", result.Out);
        Assert.Equal(0, _cli.Connector.Connections);
        Snapshot.Match("csv-import-refused", result.Error);
    }

    [Fact]
    public async Task CsvWithBadHeader_NamesTheColumns()
    {
        var file = Story.File("bad-header.csv", "customer,productLine,quantity,requestedWeek,useCase,shipToCountry\nmicrosoft,h200,8,2027-W01,Training,US\n");

        var result = await _cli.Run("orders", "import", file);

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("unknown column 'customer'", result.Error);
        Assert.Contains("the header names no 'customerId' column", result.Error);
    }

    [Fact]
    public async Task CsvImport_Json_ReportsEveryProblem()
    {
        var file = Story.File("bad.csv", "customerId,productLine,quantity,requestedWeek,useCase,shipToCountry\nmicrosoft,h200,8,2027-W01,Training,XX1\nmeta,h200,8,2027-W1,Training,US\n");

        var result = await _cli.Run("orders", "import", file, "--json");

        result.AssertExit(ExitCode.InvalidInput);
        var problems = result.JsonElement().GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("column").GetInt32(), p.GetProperty("field").GetString())).ToList();
        Assert.Equal([(2, 6, "shipToCountry"), (3, 4, "requestedWeek")], problems);
    }

    [Fact]
    public async Task MissingFile_IsInvalidInput()
    {
        var result = await _cli.Run("scenario", "load", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json"));

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("does not exist", result.Error);
        Assert.Equal(0, _cli.Connector.Connections);
    }

    [Fact]
    public async Task ScenarioWithBrokenJson_IsRefusedWithLineAndPosition()
    {
        var file = Story.File("broken.json", "{\n  \"name\": \"broken\",\n  \"productLines\": { \"x1\": { \"name\": \"X\", \"lotSize\": \"eight\" } }\n}\n");

        var result = await _cli.Run("scenario", "load", file);

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("broken.json: line 3", result.Error);
        Assert.Contains("productLines.x1.lotSize", result.Error);
        Assert.Equal(0, _cli.Connector.Connections);
    }
}
