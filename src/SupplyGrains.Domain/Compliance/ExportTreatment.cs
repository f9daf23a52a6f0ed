namespace SupplyGrains.Domain.Compliance;

/// <summary>How the exporting rules treat a product going to a destination.</summary>
public enum ExportTreatment
{
    Allowed,
    LicenseRequired,
    Denied,
}
