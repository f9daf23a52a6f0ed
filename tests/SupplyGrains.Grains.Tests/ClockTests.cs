using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Tests;

/// <summary>
/// Dates that come by themselves: a future-dated policy version comes into force, a licence expires. The silo's
/// business clock is the real clock moved forward by whole days (Orleans' own timers keep real time, so the compliance
/// clock still ticks), in a cluster of its own so no other test sees the jump.
/// </summary>
public sealed class ClockTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"supplygrains-clock-{Guid.NewGuid():N}");
    private InProcessTestCluster _cluster = null!;
    private Given _given = null!;

    private IClusterClient Client => _cluster.Client;

    private IPolicyGrain Policy => Client.GetGrain<IPolicyGrain>(IPolicyGrain.Key);

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = new InProcessTestClusterBuilder(1);
        var path = Path.Combine(_directory, "clock.db");
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(GrainStorage.Name, o => o.Path = path);
            silo.Services.AddSingleton<TimeProvider>(_clock);
            silo.AddSupplyGrains(o => o.Interval = TimeSpan.FromMilliseconds(50));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _given = new Given(Client);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task FutureDatedVersion_ComesIntoForceOnItsDate_AndReDecidesOpenOrders()
    {
        var pl = await _given.ProductLine();
        await Policy.Publish(1, Document(new DateOnly(2020, 1, 1), ExportTreatment.Denied, pl), "officer");
        var order = await _given.Order(await _given.Customer("CN"), pl, 8, shipTo: "CN");
        Assert.Equal(OrderStatus.Rejected, order.Status);

        var publication = await Policy.Publish(2, Document(Today.AddDays(1), ExportTreatment.Allowed, pl), "officer");

        Assert.Equal(1, publication.CurrentVersion);
        Assert.Null(publication.ReevaluationId);
        Assert.Null(await Policy.GetImpactId(2));
        Assert.Equal(OrderStatus.Rejected, (await Client.GetGrain<IOrderGrain>(order.Id).Get()).Status);

        _clock.Advance(TimeSpan.FromDays(1));

        var impactId = await Eventually.Until(() => Policy.GetImpactId(2), id => id is not null);
        var impact = await Client.GetGrain<IReevaluationGrain>(impactId!).WaitForReport(TimeSpan.FromSeconds(30));
        Assert.True(impact.Completed);
        Assert.Contains("came into force", impact.Trigger);
        Assert.Contains(impact.Orders, o => o.OrderId == order.Id && o.After == OrderStatus.Approved);
        Assert.Equal(2, (await Policy.GetCurrent())!.Version);
        Assert.Equal(OrderStatus.Approved, (await Client.GetGrain<IOrderGrain>(order.Id).Get()).Status);
    }

    [Fact]
    public async Task LicenceExpiry_HoldsItsOrders_WithoutAnyoneAsking()
    {
        var pl = await _given.ProductLine();
        await Policy.Publish(1, Document(new DateOnly(2020, 1, 1), ExportTreatment.LicenseRequired, pl), "officer");
        var buyer = await _given.Customer("CN");
        var order = await _given.Order(buyer, pl, 8, shipTo: "CN");
        var licence = await _given.LicenseReDeciding(order, 1000, expires: Today);
        order = await Client.GetGrain<IOrderGrain>(order.Id).Get();
        Assert.Equal(OrderStatus.Approved, order.Status);
        Assert.Equal(licence, order.LicenseId);
        var recorded = (await Client.GetGrain<ILicenseGrain>(licence).Get()).Reevaluation;

        _clock.Advance(TimeSpan.FromDays(1));

        var held = await Eventually.Until(() => Client.GetGrain<IOrderGrain>(order.Id).Get(), o => o.Status == OrderStatus.OnHold,
            TimeSpan.FromSeconds(30));
        Assert.Contains(held.Gates, g => g.Reason == ReasonCodes.LicenseExpired);
        var audit = await Client.GetGrain<IOrderGrain>(order.Id).GetAudit();
        Assert.Contains(audit, a => a.Kind == "GatesEvaluated" && a.Detail.Contains($"licence {licence} expired on {Today.AddDays(-1):yyyy-MM-dd}"));
        // The licence names the re-evaluation its expiry started (written after the customer started it).
        var expired = await Eventually.Until(() => Client.GetGrain<ILicenseGrain>(licence).Get(), l => l.Reevaluation != recorded);
        var report = await Client.GetGrain<IReevaluationGrain>(expired.Reevaluation!).WaitForReport(TimeSpan.FromSeconds(30));
        Assert.Contains($"licence {licence} expired on", report.Trigger);
        Assert.Equal(order.Id, Assert.Single(report.Orders).OrderId);
    }

    private static PolicyDocument Document(DateOnly effectiveFrom, ExportTreatment cn, string productLine) => new(
        effectiveFrom, "clock tests",
        new ExportPolicy([new ExportRule(productLine, "CN", cn)], [EntityType.MilitaryAffiliated], [], 0.9m),
        []);

    /// <summary>The real clock plus whole days: only the date moves, timers keep running in real time.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
