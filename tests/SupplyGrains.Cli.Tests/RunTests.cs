using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Cli.Tests;

/// <summary>Previews, reads, compares and lists allocation runs of the story's H200 (previews change nothing else).</summary>
[Collection(StoryCollection.Name)]
public sealed class RunTests(StoryCluster story)
{
    private static readonly string[] StoryWeeks = ["-p", "h200", "--from", "2026-W48", "--to", "2027-W06"];
    private readonly Cli _cli = story.Cli;

    private Task<CliResult> Preview(string id, params string[] more) =>
        _cli.Run([.. new[] { "run", "preview", "--id", id, "--as", "planner-test" }, .. StoryWeeks, .. more]);

    [Fact]
    public async Task RunPreview_PrintsTheWeekAndCustomerTables_AsTheSnapshotShows()
    {
        var result = await Preview("snapshot-fairshare");

        result.AssertExit(ExitCode.Ok);
        Assert.Equal("", result.Error);
        Snapshot.Match("run-preview-h200-fairshare", result.Out);
    }

    [Fact]
    public async Task RunShow_ReadsTheRunAsPreviewed()
    {
        var preview = await Preview("show-me");
        var show = await _cli.Run("run", "show", "show-me");

        var json = await _cli.Run("run", "show", "show-me", "--json");

        show.AssertExit(ExitCode.Ok);
        Assert.Equal(preview.Out, show.Out);
        Assert.Equal(("show-me", RunStatus.Preview), (json.Json<AllocationRunView>().Id, json.Json<AllocationRunView>().Status));
    }

    [Fact]
    public async Task RunPreview_Json_AddsUp()
    {
        var result = await Preview("json-sums", "--json");

        var run = result.Json<AllocationRunView>();
        Assert.Equal(("json-sums", RunStatus.Preview, "planner-test"), (run.Id, run.Status, run.CreatedBy));
        Assert.Equal(12, run.Weeks.Count);
        Assert.All(run.Weeks, w => Assert.True(w.Allocated <= w.Supply && w.Allocated == w.Lines.Sum(l => l.Quantity)));
        Assert.Equal(run.Weeks.Sum(w => w.Allocated), run.Orders.Sum(o => o.Allocated));
        Assert.All(run.Orders, o => Assert.True(o.Allocated % 8 == 0 && o.Allocated <= o.RemainingBefore));
    }

    [Fact]
    public async Task RunPreview_CapsFromTheCommandLine_ReachTheRun()
    {
        var result = await Preview("capped", "--max-customer-share", "0.3", "--country-quota", "CN=800", "--ratio", "CN+MO:US=0.5", "--json");
        var text = await _cli.Run("run", "show", "capped");

        var run = result.Json<AllocationRunView>();
        Assert.Equal(0.3m, run.Caps.MaxCustomerShare);
        Assert.Equal(800, run.Caps.CountryQuota!["CN"]);
        Assert.Contains(run.Caps.DestinationRatio!, r => r is { Destination: "CN", RelativeTo: "US", MaxRatio: 0.5m } && r.Together!.SequenceEqual(["MO"]));
        Assert.True(run.Orders.Where(o => o.CustomerId is "bytedance" or "alibaba").Sum(o => o.Allocated) <= 800);
        Assert.Contains(run.Orders, o => o.StoppedBy == StopReason.CountryQuota);
        Assert.Contains("caps: max customer share 0.3; country quota CN 800; CN + MO ≤ 0.5 × US", text.Out);
        Assert.Contains("CountryQuota", text.Out);
    }

    [Fact]
    public async Task RunDiff_SaysWhoGainedAndLost_AndWhy()
    {
        await Preview("diff-fair");
        await Preview("diff-fifo", "--strategy", "Fifo");

        var text = await _cli.Run("run", "diff", "diff-fifo", "--against", "diff-fair");
        var json = await _cli.Run("run", "diff", "diff-fifo", "--against", "diff-fair", "--json");

        text.AssertExit(ExitCode.Ok);
        Assert.Contains("Run diff-fifo against diff-fair", text.Out);
        Assert.Contains("Orders that changed", text.Out);
        var diff = json.Json<RunDiff>();
        Assert.NotEmpty(diff.Orders);
        Assert.Equal(diff.AllocatedAfter - diff.AllocatedBefore, diff.Orders.Sum(o => o.Change));
        Assert.All(diff.Orders, o => Assert.Contains(o.OrderId, text.Out));
        Assert.Equal(12, diff.Weeks.Count);
    }

    [Fact]
    public async Task RunDiff_AgainstAnotherProductLine_IsInvalidInput()
    {
        await Preview("diff-h200");
        await _cli.Run("run", "preview", "--id", "diff-h20", "-p", "h20", "--from", "2026-W48", "--to", "2027-W06");

        var result = await _cli.Run("run", "diff", "diff-h200", "--against", "diff-h20");

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("against: run 'diff-h20' is for product line 'h20', not 'h200'", result.Error);
    }

    [Fact]
    public async Task RunShow_UnknownRun_ExitsNotFound()
    {
        var result = await _cli.Run("run", "show", "no-such-run");

        result.AssertExit(ExitCode.NotFound);
        Assert.Equal("error: allocation run 'no-such-run' does not exist.\n", result.Error);
    }

    [Fact]
    public async Task RunCommit_UnknownRun_ExitsNotFound()
    {
        var result = await _cli.Run("run", "commit", "no-such-run");

        result.AssertExit(ExitCode.NotFound);
    }

    [Fact]
    public async Task RunPreview_BackwardsWeeks_IsInvalidInput()
    {
        var result = await _cli.Run("run", "preview", "-p", "h200", "--from", "2027-W06", "--to", "2026-W48");

        result.AssertExit(ExitCode.InvalidInput);
        Assert.Contains("toWeek: must not be before fromWeek", result.Error);
    }

    [Fact]
    public async Task RunList_ShowsTheProductLinesRuns()
    {
        await Preview("listed-run");

        var text = await _cli.Run("run", "list", "-p", "h200");
        var json = await _cli.Run("run", "list", "-p", "h200", "--json");

        Assert.Contains("listed-run", text.Out);
        var listed = json.Json<List<RunSummary>>().Single(r => r.Id == "listed-run");
        Assert.Equal((RunMode.Preview, "planner-test"), (listed.Mode, listed.CreatedBy));
    }
}
