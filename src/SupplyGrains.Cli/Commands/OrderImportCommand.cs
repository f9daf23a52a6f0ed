using System.CommandLine;
using Spectre.Console;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Import;
using SupplyGrains.Cli.Rendering;

namespace SupplyGrains.Cli.Commands;

/// <summary>
/// <c>supplygrains orders import FILE.csv</c>: bulk submission. The whole file is checked first (every row, then every
/// product line and customer it names); one bad row and nothing is submitted. Then the rows go in with a progress
/// bar, and a summary says what the gates accepted, held and rejected, and why.
/// </summary>
public static class OrderImportCommand
{
    public static Command Create(CommandBinder binder)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = $"CSV with a header line. Columns: {string.Join(", ", OrderCsv.RequiredColumns)}; optional {string.Join(", ", OrderCsv.OptionalColumns)}. " +
                "With an id column a re-import is safe: an order already submitted under its id is returned as it is.",
        };
        var import = new Command("import", "Submit the orders of a CSV file, all or none: a file with a bad row is refused with the line and column of every problem") { file };
        return binder.Bind(import, async (context, cancellationToken) =>
        {
            var csv = OrderCsv.Read(context.Value(file));
            if (csv.Problems.Count > 0) return Refuse(context, csv.Name, csv.Problems);

            var grains = await context.Grains(cancellationToken);
            var references = await OrderReferences.Check(grains, csv);
            if (references.Count > 0) return Refuse(context, csv.Name, references);

            var outcomes = await SubmitWithProgress(context, grains, csv, cancellationToken);
            var summary = ImportSummary.Of(csv.Name, outcomes);
            if (context.Json) CliJson.Write(context.Out, summary);
            else context.Out.Write(ImportReport.Summary(summary));

            if (outcomes.FirstOrDefault(o => o.Error is not null) is not { } failed) return ExitCode.Ok;
            Failures.Write(context.Error, $"{summary.Failed} row(s) could not be submitted; the first, line {failed.Line}: {failed.Error}");
            return failed.ErrorCode ?? ExitCode.Failure;
        });
    }

    private static int Refuse(CommandContext context, string file, IReadOnlyList<CsvProblem> problems)
    {
        if (context.Json) CliJson.Write(context.Out, new { file, submitted = 0, problems });
        context.Error.Write(ImportReport.Problems(file, problems));
        return ExitCode.InvalidInput;
    }

    private static async Task<IReadOnlyList<RowOutcome>> SubmitWithProgress(
        CommandContext context, IGrainFactory grains, OrderCsvFile csv, CancellationToken cancellationToken)
    {
        // A progress bar only where someone watches it: redirected output and --json get the summary alone.
        if (context.Json || !context.Out.Profile.Capabilities.Interactive)
            return await OrderSubmission.Submit(grains, csv.Rows, context.By, () => { }, cancellationToken);

        return await context.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Submitting {csv.Rows.Count} orders", maxValue: csv.Rows.Count);
                return await OrderSubmission.Submit(grains, csv.Rows, context.By, () => task.Increment(1), cancellationToken);
            });
    }
}
