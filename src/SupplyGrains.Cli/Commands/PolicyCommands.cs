using System.CommandLine;
using System.Globalization;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Rendering;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Cli.Commands;

/// <summary><c>supplygrains policy ...</c>: read the rules in force, publish a version, and see what a version (or a draft) does to the open orders.</summary>
public static class PolicyCommands
{
    /// <summary>How long <c>--wait</c> and an impact preview wait for every open order to be judged, as the HTTP API's preview does.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static Command Create(CommandBinder binder) => new("policy", "Regulatory policy versions")
    {
        Show(binder), List(binder), Publish(binder), Impact(binder),
    };

    private static Argument<int> Version(string description) => new("version") { Description = description };

    private static Command Show(CommandBinder binder)
    {
        var version = new Argument<int?>("version") { Description = "A published version (default: the one in force)", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "A policy version's rules: export treatments, denied parties, import rules, allocation conditions") { version };
        return binder.Bind(show, async (context, cancellationToken) =>
        {
            var policy = (await context.Grains(cancellationToken)).GetGrain<IPolicyGrain>(IPolicyGrain.Key);
            var wanted = context.Parse.GetValue(version);
            var found = wanted is { } v
                ? await policy.GetVersion(v) ?? throw new NotFoundException("policy version", v.ToString(CultureInfo.InvariantCulture))
                : await policy.GetCurrent() ?? throw new NotFoundException("policy", "current");
            if (context.Json) CliJson.Write(context.Out, found);
            else context.Out.Write(PolicyViews.Show(found));
            return ExitCode.Ok;
        });
    }

    private static Command List(CommandBinder binder)
    {
        var list = new Command("list", "Every published version, and which is in force");
        return binder.Bind(list, async (context, cancellationToken) =>
        {
            var policy = (await context.Grains(cancellationToken)).GetGrain<IPolicyGrain>(IPolicyGrain.Key);
            var history = await policy.GetHistory();
            var current = await policy.GetCurrent();
            if (context.Json) CliJson.Write(context.Out, history);
            else context.Out.Write(PolicyViews.History(history, current?.Version));
            return ExitCode.Ok;
        });
    }

    private static Command Publish(CommandBinder binder)
    {
        var version = Version("The version number to publish under (versions are immutable)");
        var file = new Argument<FileInfo>("file") { Description = "The policy document (the format of ops/policies/v*.json)" };
        var wait = new Option<bool>("--wait") { Description = $"Wait (up to {Wait.TotalSeconds:0} s) until every open order is re-decided, and show the impact" };
        var publish = new Command("publish", "Publish a policy version; once in force, every open order is re-decided in the background") { version, file, wait };
        return binder.Bind(publish, async (context, cancellationToken) =>
        {
            var document = CliJson.Read<PolicyDocument>(context.Value(file));
            var grains = await context.Grains(cancellationToken);
            var publication = await grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(context.Value(version), document, context.By);
            var impact = context.Value(wait) && publication.ReevaluationId is { } id
                ? await grains.GetGrain<IReevaluationGrain>(id).WaitForReport(Wait)
                : null;
            if (context.Json) CliJson.Write(context.Out, new { publication, impact });
            else
            {
                context.Out.Write(PolicyViews.Publication(publication));
                if (impact is not null) context.Out.Write(PolicyViews.Impact(impact));
            }
            return ExitCode.Ok;
        });
    }

    private static Command Impact(CommandBinder binder)
    {
        var version = Version("The policy version");
        var draft = new Option<FileInfo?>("--draft") { Description = "Judge this draft document as if it were in force now, without publishing it or changing anything (a dry run)" };
        var wait = new Option<bool>("--wait") { Description = $"Wait (up to {Wait.TotalSeconds:0} s) until the re-evaluation is complete" };
        var impact = new Command("impact", "What a version's coming into force did to the open orders (or, with --draft, what it would do): statuses, transitions, reasons, and every order that moves")
        {
            version, draft, wait,
        };
        return binder.Bind(impact, async (context, cancellationToken) =>
        {
            var number = context.Value(version);
            var draftFile = context.Parse.GetValue(draft);
            var document = draftFile is null ? null : CliJson.Read<PolicyDocument>(draftFile);
            var grains = await context.Grains(cancellationToken);
            var policy = grains.GetGrain<IPolicyGrain>(IPolicyGrain.Key);
            ReevaluationReport report;
            if (document is not null)
            {
                var id = await policy.PreviewImpact(number, document, context.By);
                report = await grains.GetGrain<IReevaluationGrain>(id).WaitForReport(Wait);
            }
            else
            {
                var id = await policy.GetImpactId(number) ?? throw new ConflictException(
                    $"Policy v{number} has not come into force, so it has had no impact yet; run 'supplygrains policy impact {number} --draft FILE' to see what it would do.");
                var reevaluation = grains.GetGrain<IReevaluationGrain>(id);
                report = context.Value(wait) ? await reevaluation.WaitForReport(Wait) : await reevaluation.GetReport();
            }
            if (context.Json) CliJson.Write(context.Out, report);
            else context.Out.Write(PolicyViews.Impact(report));
            return ExitCode.Ok;
        });
    }
}
