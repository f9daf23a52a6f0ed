namespace SupplyGrains.Silo.Security;

/// <summary>The roles of SPEC §7 and the authorization policies built from them.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Planner = "planner";
    public const string Compliance = "compliance";
    public const string Viewer = "viewer";
    public const string Customer = "customer";

    public static readonly string[] All = [Admin, Planner, Compliance, Viewer, Customer];

    /// <summary>Reads of everything: every role but <see cref="Customer"/>.</summary>
    public const string ReadPolicy = "read";

    /// <summary>Reads a customer may make of its own customer and orders (ownership is checked by the handler).</summary>
    public const string OwnReadPolicy = "read-own";

    /// <summary>Master data, orders and allocation runs.</summary>
    public const string PlanPolicy = "plan";

    /// <summary>Policies, licences, import decisions and reviews.</summary>
    public const string CompliancePolicy = "compliance";

    /// <summary>Whole scenarios, which carry both plans and compliance data.</summary>
    public const string AdminPolicy = "admin";
}
