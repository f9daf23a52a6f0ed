using System.Globalization;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// Runs the four gates of SPEC §3 on one order. Every gate runs (so the audit shows every reason, not just the
/// first). A hold that a person resolved stays resolved while the facts it was decided on stay the same.
/// </summary>
public static class GateEvaluator
{
    public static ComplianceVerdict Evaluate(ComplianceCase c)
    {
        var findings = new[] { Screening(c), Export(c), Import(c), Diversion(c) };
        var decisions = findings
            .Select(f => new GateDecision(f.Gate, f.Outcome, f.Reason, f.Detail, c.Policy.Version, c.Now))
            .ToList();
        var status = decisions.Any(d => d.Outcome == GateOutcome.Fail) ? OrderStatus.Rejected
            : decisions.Any(d => d.Outcome == GateOutcome.Hold) ? OrderStatus.OnHold
            : OrderStatus.Approved;
        var licenseId = findings.Select(f => f.LicenseId).FirstOrDefault(id => id is not null);
        return new ComplianceVerdict(status, decisions, licenseId, findings.ToDictionary(f => f.Gate, f => f.Facts));
    }

    private static Finding Screening(ComplianceCase c)
    {
        var export = c.Policy.Document.Export;
        var facts = Facts(c.Buyer.Name, string.Join('|', c.Buyer.Aliases), c.Order.EndUser?.Name, EnumNames<EntityType>.Of(c.Buyer.EntityType),
            DeniedPartyScreen.NamesDigest(export.DeniedParties), export.FuzzyThreshold.ToString(CultureInfo.InvariantCulture));
        var gate = new Finding(Gate.EndUserScreening, facts);

        if (export.DeniedEntityTypes.Contains(c.Buyer.EntityType))
        {
            return c.Buyer.EntityType == EntityType.MilitaryAffiliated
                ? gate.Fail(ReasonCodes.MilitaryEndUser, $"Buyer '{c.Buyer.Name}' is military-affiliated; the policy denies military end users.")
                : gate.Fail(ReasonCodes.DeniedEntityType, $"Buyer '{c.Buyer.Name}' is {c.Buyer.EntityType}, an entity type the policy denies.");
        }

        var names = c.Buyer.Aliases.Prepend(c.Buyer.Name);
        if (c.Order.EndUser is { } endUser) names = names.Append(endUser.Name);
        var hit = DeniedPartyScreen.Screen(names, export.DeniedParties, export.FuzzyThreshold);
        if (hit is null) return gate.Pass("No match on the denied-party list.");
        if (hit.IsExact)
            return gate.Fail(ReasonCodes.DeniedParty, $"'{hit.ScreenedName}' is on the denied-party list as '{hit.DeniedParty}'.");
        return gate.Hold(c, ReasonCodes.PossibleDeniedParty,
            $"'{hit.ScreenedName}' resembles denied party '{hit.DeniedParty}' (as '{hit.MatchedName}', score {hit.Score:0.00} ≥ {export.FuzzyThreshold:0.00}); a compliance officer must review.",
            ReasonCodes.DeniedParty);
    }

    private static Finding Export(ComplianceCase c)
    {
        var order = c.Order;
        var destination = order.Destination;
        var treatment = c.Policy.Document.Export.TreatmentOf(order.ProductLine, destination);
        var gate = new Finding(Gate.ExportControl, Facts(order.ProductLine, destination, EnumNames<ExportTreatment>.Of(treatment)));
        switch (treatment)
        {
            case ExportTreatment.Allowed:
                return gate.Pass($"{order.ProductLine} to {destination} is allowed.");
            case ExportTreatment.Denied:
                return gate.Fail(ReasonCodes.ExportDenied, $"{order.ProductLine} to {destination} is denied under policy v{c.Policy.Version}.");
        }

        var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
        var covering = c.Licenses.Where(l => l.Covers(order.ProductLine)).ToList();
        // Of the usable licences, the one expiring first is drawn on first, so longer ones stay for later orders.
        var usable = covering
            .Where(l => !l.IsExpiredOn(today) && l.Remaining > 0)
            .OrderBy(l => l.Expires).ThenBy(l => l.LicenseId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (usable is not null)
        {
            var recorded = usable.RecordedBy is null ? "" : $"; recorded by {usable.RecordedBy}{usable.RecordedAt?.ToString(" 'on' yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            return gate.Pass($"{order.ProductLine} to {destination} needs a licence: licence '{usable.LicenseId}' covers it ({usable.Remaining} units left, expires {usable.Expires:yyyy-MM-dd}{recorded}).")
                with { LicenseId = usable.LicenseId };
        }
        var expired = covering.Where(l => l.IsExpiredOn(today)).OrderByDescending(l => l.Expires).FirstOrDefault();
        if (expired is not null)
            return gate.HoldUnresolvable(ReasonCodes.LicenseExpired, $"Licence '{expired.LicenseId}' for {order.ProductLine} expired on {expired.Expires:yyyy-MM-dd}; a new licence is needed.");
        var exhausted = covering.FirstOrDefault();
        return gate.HoldUnresolvable(ReasonCodes.AwaitingExportLicense, exhausted is null
            ? $"{order.ProductLine} to {destination} needs an export licence; customer '{order.CustomerId}' holds none for it."
            : $"{order.ProductLine} to {destination} needs an export licence; licence '{exhausted.LicenseId}' is used up.");
    }

    private static Finding Import(ComplianceCase c)
    {
        var order = c.Order;
        var destination = order.Destination;
        var gate = new Finding(Gate.ImportApproval, Facts(order.CustomerId, EnumNames<EntityType>.Of(c.Buyer.EntityType), order.ProductLine, destination, EnumNames<UseCase>.Of(order.UseCase)));
        var rule = c.Policy.Document.ImportRuleFor(destination);
        if (rule is null) return gate.Pass($"{destination} has no import rules.");
        if (rule.BannedBuyerTypes.Contains(c.Buyer.EntityType))
            return gate.Fail(ReasonCodes.ImportBannedBuyer, $"{destination} bans {c.Buyer.EntityType} buyers from this purchase.");
        if (rule.DeniedUseCases.Any(u => u.ProductLine == order.ProductLine && u.UseCase == order.UseCase))
            return gate.Fail(ReasonCodes.UseCaseDenied, $"{destination} denies {order.ProductLine} for {order.UseCase}.");
        if (!rule.ApprovalRequired.Contains(order.ProductLine))
            return gate.Pass($"{destination} does not require an import approval for {order.ProductLine}.");
        return gate.Hold(c, ReasonCodes.AwaitingImportApproval,
            $"{destination} reviews each {order.ProductLine} purchase and its use case; waiting for the authority's approval.",
            ReasonCodes.ImportDenied);
    }

    private static Finding Diversion(ComplianceCase c)
    {
        var order = c.Order;
        var buyer = c.Buyer;
        var gate = new Finding(Gate.DiversionRisk,
            Facts(buyer.Country, order.ShipToCountry, order.EndUser?.Country, order.EndUser?.Name, EnumNames<EntityType>.Of(buyer.EntityType)));
        var concerns = new List<string>();
        if (order.ShipToCountry != buyer.Country) concerns.Add($"ships to {order.ShipToCountry} but the buyer is in {buyer.Country}");
        if (order.EndUser is { } endUser && endUser.Country != buyer.Country) concerns.Add($"the end user is in {endUser.Country} but the buyer is in {buyer.Country}");
        if (buyer.EntityType == EntityType.Reseller && order.EndUser is null) concerns.Add("the buyer is a reseller and names no end user");
        return concerns.Count == 0
            ? gate.Pass("Buyer, ship-to and end user agree; no diversion signal.")
            : gate.Hold(c, ReasonCodes.DiversionReview, $"Possible diversion: {string.Join("; ", concerns)}. A compliance officer must review.", ReasonCodes.DiversionReview);
    }

    private static string Facts(params string?[] parts) => string.Join(ScreeningFacts.Separator, parts.Select(p => p ?? ""));

    /// <summary>One gate's result while it is being worked out.</summary>
    private sealed record Finding(Gate Gate, string Facts)
    {
        public GateOutcome Outcome { get; init; }
        public string? Reason { get; init; }
        public string Detail { get; init; } = "";
        public string? LicenseId { get; init; }

        public Finding Pass(string detail) => this with { Outcome = GateOutcome.Pass, Reason = null, Detail = detail };

        public Finding Fail(string reason, string detail) => this with { Outcome = GateOutcome.Fail, Reason = reason, Detail = detail };

        public Finding HoldUnresolvable(string reason, string detail) => this with { Outcome = GateOutcome.Hold, Reason = reason, Detail = detail };

        /// <summary>A hold a person may resolve: the latest resolution on the same facts turns it into a pass or a fail.</summary>
        public Finding Hold(ComplianceCase c, string reason, string detail, string deniedReason)
        {
            var resolution = c.Resolutions.LastOrDefault(r => r.Gate == Gate);
            if (resolution is null || ScreeningFacts.Current(Gate, resolution.Facts) != Facts)
                return HoldUnresolvable(reason, detail);
            var by = $"by {resolution.By} on {resolution.At:yyyy-MM-dd}{(string.IsNullOrWhiteSpace(resolution.Note) ? "" : $" ({resolution.Note})")}";
            return resolution.Cleared
                ? Pass($"{detail} Resolved: cleared {by}.")
                : Fail(deniedReason, $"{detail} Resolved: denied {by}.");
        }
    }
}
