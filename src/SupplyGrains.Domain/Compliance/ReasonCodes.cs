namespace SupplyGrains.Domain.Compliance;

/// <summary>The stable reason codes of gate decisions (a contract: dashboards and clients match on them).</summary>
public static class ReasonCodes
{
    public const string MilitaryEndUser = "MILITARY_END_USER";
    public const string DeniedEntityType = "DENIED_ENTITY_TYPE";
    public const string DeniedParty = "DENIED_PARTY";
    public const string PossibleDeniedParty = "POSSIBLE_DENIED_PARTY";
    public const string ExportDenied = "EXPORT_DENIED";
    public const string AwaitingExportLicense = "AWAITING_EXPORT_LICENSE";
    public const string LicenseExpired = "LICENSE_EXPIRED";
    public const string ImportBannedBuyer = "IMPORT_BANNED_BUYER";
    public const string UseCaseDenied = "USE_CASE_DENIED";
    public const string AwaitingImportApproval = "AWAITING_IMPORT_APPROVAL";
    public const string ImportDenied = "IMPORT_DENIED";
    public const string DiversionReview = "DIVERSION_REVIEW";
}
