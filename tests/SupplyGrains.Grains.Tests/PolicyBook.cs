using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// The one policy grain is shared by every test, so tests add their rules to a growing policy instead of replacing
/// it: each publication carries every rule published so far, keyed by product line and destination, so a test's
/// rules hold whatever other tests publish.
/// </summary>
public sealed class PolicyBook(IClusterClient client)
{
    public const decimal FuzzyThreshold = 0.9m;
    public static readonly DeniedParty Nudt = new("National University of Defense Technology", ["NUDT"]);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string, string), ExportTreatment> _export = [];
    private readonly HashSet<string> _approvalRequired = [];
    private readonly HashSet<(string, Domain.Orders.UseCase)> _deniedUseCases = [];
    private readonly List<AllocationCondition> _conditions = [];
    private int _version;

    /// <summary>Publishes a new version that adds these rules (for CN imports: approval required and denied use cases).</summary>
    public async Task<PolicyPublication> Publish(
        IEnumerable<ExportRule>? export = null,
        IEnumerable<string>? cnApprovalRequired = null,
        IEnumerable<DeniedUseCase>? cnDeniedUseCases = null,
        IEnumerable<AllocationCondition>? allocation = null)
    {
        var (version, document) = await Draft(export, cnApprovalRequired, cnDeniedUseCases, allocation: allocation);
        var publication = await client.GetGrain<IPolicyGrain>(IPolicyGrain.Key).Publish(version, document, "tests");
        // A publication re-decides every open order in the background. Waited out: left running, it could reach a
        // test's order after a later publication and take that one's change from the later publication's report.
        if (publication.ReevaluationId is { } id)
        {
            var report = await client.GetGrain<IReevaluationGrain>(id).WaitForReport(TimeSpan.FromSeconds(30));
            if (!report.Completed) throw new TimeoutException($"Publication of v{version}: re-evaluation {id} not done in 30 s ({report.Done} orders done).");
        }
        return publication;
    }

    /// <summary>The next version, with these rules added, without publishing it (publish it with the policy grain).</summary>
    public async Task<(int Version, PolicyDocument Document)> Draft(
        IEnumerable<ExportRule>? export = null,
        IEnumerable<string>? cnApprovalRequired = null,
        IEnumerable<DeniedUseCase>? cnDeniedUseCases = null,
        DateOnly? effectiveFrom = null,
        IEnumerable<AllocationCondition>? allocation = null)
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var rule in export ?? []) _export[(rule.ProductLine, rule.Destination)] = rule.Treatment;
            foreach (var product in cnApprovalRequired ?? []) _approvalRequired.Add(product);
            foreach (var denied in cnDeniedUseCases ?? []) _deniedUseCases.Add((denied.ProductLine, denied.UseCase));
            _conditions.AddRange(allocation ?? []);
            var document = new PolicyDocument(
                effectiveFrom ?? new DateOnly(2020, 1, 1), "grain tests",
                new ExportPolicy(
                    [.. _export.Select(r => new ExportRule(r.Key.Item1, r.Key.Item2, r.Value))],
                    [EntityType.MilitaryAffiliated],
                    [Nudt],
                    FuzzyThreshold),
                [new ImportRule("CN", [.. _approvalRequired], [EntityType.StateFundedDataCenter], [.. _deniedUseCases.Select(d => new DeniedUseCase(d.Item1, d.Item2))])],
                [.. _conditions]);
            var history = await client.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetHistory();
            _version = Math.Max(_version, history.Select(v => v.Version).DefaultIfEmpty(0).Max()) + 1;
            return (_version, document);
        }
        finally
        {
            _gate.Release();
        }
    }
}
