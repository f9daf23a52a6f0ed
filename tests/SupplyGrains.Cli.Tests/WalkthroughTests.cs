using SupplyGrains.Cli.Import;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Tests;

/// <summary>
/// The README's planner's walkthrough, command by command, on a cluster of its own: approve, preview, compare, commit,
/// import, the supply shock and its re-allocation, then policy v3. Each step checks what the README says it shows.
/// </summary>
[Collection(WalkthroughCollection.Name)]
public sealed class WalkthroughTests(StoryCluster story)
{
    private static readonly string[] StoryWeeks = ["-p", "h200", "--from", "2026-W48", "--to", "2027-W06"];
    private readonly Cli _cli = story.Cli;

    private async Task<CliResult> Ok(params string[] args) => (await _cli.Run([.. args, "--as", "planner"])).AssertExit(ExitCode.Ok);

    [Fact]
    public async Task PlannerWalkthrough_RunsTheStoryFromTheTerminal()
    {
        // 1. Supply: produced against committed, nothing committed yet.
        var supply = await Ok("supply", "show", "h200");
        Assert.Contains("2026-W48 produced", supply.Out);
        Assert.DoesNotContain("over-committed", supply.Out);

        // 2. The held orders, and why one of them waits.
        var held = (await Ok("orders", "list", "-p", "h200", "--status", "OnHold", "--json")).Json<List<OrderSummary>>();
        Assert.Contains(held, o => o.Id == "bytedance-h200-2" && o.Reasons.SequenceEqual(["AWAITING_IMPORT_APPROVAL"]));
        Assert.Contains("AWAITING_IMPORT_APPROVAL", (await Ok("orders", "show", "bytedance-h200-2")).Out);

        // 3. Beijing approves the purchase: the order is decided again.
        var approved = await Ok("orders", "import-decision", "bytedance-h200-2", "Approved",
            "--authority", "CN-MOFCOM", "--reference", "MOFCOM-2026-0117", "--note", "training use", "--json");
        Assert.Equal(OrderStatus.Approved, approved.Json<OrderView>().Status);

        // 4. Two previews of the same weeks, and what changes between them.
        var fair = (await Ok([.. new[] { "run", "preview" }, .. StoryWeeks, "--json"])).Json<AllocationRunView>();
        var proRata = (await Ok([.. new[] { "run", "preview" }, .. StoryWeeks, "--strategy", "ProRata", "--json"])).Json<AllocationRunView>();
        Assert.Contains(fair.Orders, o => o.OrderId == "bytedance-h200-2");
        var diff = await Ok("run", "diff", proRata.Id, "--against", fair.Id);
        var changes = (await Ok("run", "diff", proRata.Id, "--against", fair.Id, "--json")).Json<Domain.Allocation.RunDiff>();
        Assert.Contains($"Run {proRata.Id} against {fair.Id}", diff.Out);
        Assert.NotEmpty(changes.Orders);
        Assert.All(changes.Orders, o => Assert.Contains(o.OrderId, diff.Out));

        // 5. Commit the FairShare preview: confirmations land on the orders; the other preview is now stale.
        var committed = (await Ok("run", "commit", fair.Id, "--json")).Json<AllocationRunView>();
        Assert.Equal((RunStatus.Committed, "planner"), (committed.Status, committed.CommittedBy));
        var bytedance = (await Ok("orders", "show", "bytedance-h200-2", "--json")).Json<OrderView>();
        Assert.Equal(fair.Orders.Single(o => o.OrderId == "bytedance-h200-2").Allocated, bytedance.Allocated);
        Assert.All(bytedance.Confirmations, c => Assert.Equal(fair.Id, c.RunId));
        var stale = await _cli.Run("run", "commit", proRata.Id);
        stale.AssertExit(ExitCode.Conflict);
        Assert.Contains("Stale", (await Ok("run", "show", proRata.Id)).Out);
        var committedSupply = (await Ok("supply", "show", "h200", "--json")).Json<ProductLineView>();
        Assert.Equal(committed.Weeks.Sum(w => w.Allocated), committedSupply.Supply.Sum(w => w.Committed));

        // 6. Bulk intake from a CSV: the gates accept, hold and reject, and say why.
        var import = (await Ok("orders", "import", Story.Example("h200-orders.csv"), "--json")).Json<ImportSummary>();
        Assert.Equal((4, 2, 1, 1), (import.Rows, import.Accepted, import.Held, import.Rejected));
        Assert.Equal(1, import.RejectedBy["USE_CASE_DENIED"]);

        // 7. The supply shock: China-bound wafers go to Rubin, committed weeks are over-committed, the next run re-allocates.
        await Ok("scenario", "load", Story.Scenario("h200-shock"));
        var shocked = await Ok("supply", "show", "h200", "--from", "2026-W50", "--to", "2027-W06");
        Assert.Contains("over-committed: 2026-W53", shocked.Out);
        var reallocation = (await Ok([.. new[] { "run", "preview" }, .. StoryWeeks, "--json"])).Json<AllocationRunView>();
        Assert.True(reallocation.Reallocation is { IsReallocation: true, Takebacks.Count: > 0 });
        Assert.DoesNotContain(reallocation.Reallocation!.Takebacks, t => t.CustomerId == "microsoft" && t.Class == ConfirmationClass.Gain);
        var shown = await Ok("run", "show", reallocation.Id);
        Assert.Contains("Taken back", shown.Out);
        Assert.Contains("re-allocation: committed weeks were over-committed", shown.Out);
        await Ok("run", "commit", reallocation.Id);
        var balanced = (await Ok("supply", "show", "h200", "--json")).Json<ProductLineView>();
        Assert.DoesNotContain(balanced.Supply, w => w.OverCommitted);

        // 8. Policy v3: its impact previewed, then published; tencent-h100-1 and baidu-a100-1 move from Rejected to OnHold.
        var draft = (await Ok("policy", "impact", "3", "--draft", Story.Policy(3), "--json")).Json<ReevaluationReport>();
        Assert.Equal(2, draft.Changed);
        var published = await Ok("policy", "publish", "3", Story.Policy(3), "--wait");
        Assert.Contains("Published policy v3 · v3 is in force", published.Out);
        Assert.Contains("tencent-h100-1", published.Out);
        var impact = (await Ok("policy", "impact", "3", "--json")).Json<ReevaluationReport>();
        Assert.Equal((false, true, 2), (impact.DryRun, impact.Completed, impact.Changed));
        Assert.Equal(3, (await Ok("policy", "show", "--json")).Json<VersionedPolicy>().Version);
        var capped = (await Ok([.. new[] { "run", "preview" }, .. StoryWeeks, "--json"])).Json<AllocationRunView>();
        Assert.Contains(capped.Caps.DestinationRatio!, r => r is { Destination: "CN", RelativeTo: "US" });
    }

    [Fact]
    public async Task PolicyPublish_SameDocumentAgain_ChangesNothing_AndAnotherUnderTheSameVersionIsAConflict()
    {
        var version = "41";
        var first = await Ok("policy", "publish", version, FutureDraft("2099-01-01", "far-future test version"));
        var again = await Ok("policy", "publish", version, FutureDraft("2099-01-01", "far-future test version"));
        var other = await _cli.Run("policy", "publish", version, FutureDraft("2099-01-01", "another document"));
        var impact = await _cli.Run("policy", "impact", version);

        Assert.Contains("Published policy v41", first.Out);
        Assert.Contains("stays in force until 2099-01-01", first.Out);
        Assert.Contains("already published with this document; nothing changed", again.Out);
        other.AssertExit(ExitCode.Conflict);
        impact.AssertExit(ExitCode.Conflict);
        Assert.Contains("Policy v41 has not come into force", impact.Error);
        Assert.Contains("supplygrains policy impact 41 --draft FILE", impact.Error);
    }

    private static string FutureDraft(string effectiveFrom, string description)
    {
        var v3 = File.ReadAllText(Story.Policy(3));
        var document = System.Text.Json.Nodes.JsonNode.Parse(v3)!;
        document["effectiveFrom"] = effectiveFrom;
        document["description"] = description;
        return Story.File($"{description.Replace(' ', '-')}.json", document.ToJsonString());
    }
}
