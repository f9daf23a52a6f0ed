namespace SupplyGrains.Domain.Compliance;

/// <summary>The regulatory gates every order passes through, in the order the audit lists them.</summary>
public enum Gate
{
    EndUserScreening,
    ExportControl,
    ImportApproval,
    DiversionRisk,
}
