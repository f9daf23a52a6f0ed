using System.Net.Http.Headers;
using System.Text.Json;
using SupplyGrains.Domain;

namespace SupplyGrains.HttpBench;

/// <summary>
/// The buyers and orders of the intake benchmark, deterministic from an index: customers of several countries and
/// kinds (mostly private buyers; some universities, resellers, state-funded data centres and military-affiliated
/// buyers), so the gates pass, hold and fail in a realistic mix under the policy in force (the demo's v2 on a fresh
/// store), and each order runs all four gates with its buyer screened against the denied-party list.
/// </summary>
internal sealed class IntakeMix(string prefix, int customers, int productLines)
{
    public const int LotSize = 8;
    public static readonly IsoWeek FirstWeek = IsoWeek.Parse("2032-W10");

    private static readonly string[] Countries = ["US", "US", "US", "US", "DE", "DE", "JP", "NL", "CN", "CN", "CN", "IN", "GB", "KR", "FR", "US", "DE", "SG", "CA", "US"];
    private static readonly string[] Words = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip", "Lucerne", "Alpine", "Coho", "Margie", "Trey", "Humongous", "Blue Yonder", "Graphic", "Wide World", "Southridge"];
    private static readonly string[] Kinds = ["Compute", "Cloud", "AI Labs", "Research", "Systems", "Data", "Robotics", "Analytics"];
    private static readonly string[] UseCases = ["Training", "Training", "Inference", "Research"];

    public int Customers => customers;

    public string ProductLine(int p) => $"{prefix}-pl{p}";

    public IEnumerable<string> ProductLineIds => Enumerable.Range(0, productLines).Select(ProductLine);

    public string CustomerId(int c) => $"{prefix}-cu-{c:D5}";

    public static string Country(int c) => Countries[c % Countries.Length];

    /// <summary>One in 25 a university, one in 20 a reseller (held for diversion review without a named end user), one in 40 a
    /// state-funded data centre (banned for CN imports), one in 50 military-affiliated (fails screening); the rest private.</summary>
    public static string EntityType(int c) =>
        c % 50 == 7 ? "MilitaryAffiliated" : c % 40 == 3 ? "StateFundedDataCenter" : c % 20 == 11 ? "Reseller" : c % 25 == 5 ? "University" : "Private";

    public object Customer(int c) => new
    {
        name = $"{Words[c % Words.Length]} {Kinds[c / Words.Length % Kinds.Length]} {c}",
        aliases = c % 3 == 0 ? new[] { $"{Words[(c + 5) % Words.Length]} {c}" } : [],
        country = Country(c),
        entityType = EntityType(c),
        tier = 1 + c % 3,
        weight = 1 + c % 4 * 0.5m,
        pastPurchases = c % 7 * 1000,
    };

    // The tool shares the silo's two cores: serializing each body anew cost it 10–15 µs an order, taken from the silo
    // in the intake phases only. Bodies are made once, as wrk2 and other load tools send prepared requests; each
    // order still gets its own id from the silo. The ring is far larger than the orders in flight and than a customer's turn.
    private const int Prepared = 1 << 16;
    private byte[][]? _bodies;

    /// <summary>Makes the bodies <see cref="Order"/> sends, before any clock starts.</summary>
    public void Prepare() => _bodies ??= [.. Enumerable.Range(0, Prepared).Select(i => Body(i))];

    /// <summary>Order <paramref name="i"/> of a ring of <see cref="Prepared"/> (see <see cref="Body"/>).</summary>
    public HttpContent Order(long i)
    {
        var body = new ByteArrayContent((_bodies ?? throw new InvalidOperationException("Prepare() first."))[i & (Prepared - 1)]);
        body.Headers.ContentType = Json;
        return body;
    }

    /// <summary>Order <paramref name="i"/>: big buyers order more often (a quadratic skew), one in 20 names an end user abroad.</summary>
    private byte[] Body(long i)
    {
        var h = Hash(i);
        var u = (h & 0xFFFF) / 65536.0;
        var c = (int)(u * u * customers);
        var country = Country(c);
        var endUser = (h >> 16) % 20 == 0 ? new { name = $"End user {c}", country = country == "SG" ? "MY" : "SG" } : null;
        // Bytes with a Content-Length, as a client with the whole body in hand sends it. JsonContent streams its body
        // with Transfer-Encoding: chunked (no length known up front): framing both sides then handle for nothing.
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            customerId = CustomerId(c),
            productLine = ProductLine((int)((h >> 24) % (ulong)productLines)),
            quantity = (int)(1 + (h >> 32) % 8) * LotSize,
            requestedWeek = FirstWeek.AddWeeks((int)((h >> 40) % 12)).ToString(),
            useCase = UseCases[(int)((h >> 48) % (ulong)UseCases.Length)],
            shipToCountry = country,
            endUser,
        }, JsonSerializerOptions.Web);
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>SplitMix64: a cheap, well-spread hash so that consecutive orders go to unrelated customers.</summary>
    private static ulong Hash(long i)
    {
        var z = (ulong)i + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
