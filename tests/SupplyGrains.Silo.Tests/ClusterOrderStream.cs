using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Clients submitting orders to a cluster the way a careful client does: each order under its own Idempotency-Key,
/// retried with the same key on the next silo after anything but a 201 (a refused connection, a 503), until it is
/// acknowledged. Every response status is kept, so a test can tell 503s from 500s. Stopping lets each client finish
/// the order it is on, so the acknowledged orders are exactly the orders the cluster should hold.
/// </summary>
public sealed class ClusterOrderStream
{
    private static readonly TimeSpan PerOrderDeadline = TimeSpan.FromSeconds(120);
    private readonly CancellationTokenSource _streaming = new();
    private readonly List<Task> _clients;
    private readonly Func<IReadOnlyList<SiloProcess>> _silos;
    private readonly string _customer;
    private readonly string _productLine;

    private ClusterOrderStream(Func<IReadOnlyList<SiloProcess>> silos, string customer, string productLine, int clients)
    {
        (_silos, _customer, _productLine) = (silos, customer, productLine);
        _clients = Enumerable.Range(0, clients).Select(i => Task.Run(() => SubmitUntilStopped(i))).ToList();
    }

    public ConcurrentDictionary<string, OrderView> Acknowledged { get; } = new();

    public ConcurrentBag<HttpStatusCode> Statuses { get; } = [];

    /// <summary>Requests that got no answer at all (connection refused or reset, timed out): retried like the rest.</summary>
    public int Unanswered => _unanswered;

    private int _unanswered;

    /// <summary>Starts <paramref name="clients"/> clients over whichever silos <paramref name="silos"/> lists at each attempt.</summary>
    public static ClusterOrderStream Start(Func<IReadOnlyList<SiloProcess>> silos, string customer, string productLine, int clients = 8) =>
        new(silos, customer, productLine, clients);

    public async Task WaitForAcknowledged(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (Acknowledged.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Acknowledged.Count} of {count} orders acknowledged in time; statuses: {Summary()}, unanswered {Unanswered}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public async Task StopAsync()
    {
        await _streaming.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public string Summary() => string.Join(", ", Statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}"));

    private async Task SubmitUntilStopped(int client)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-admin");
        var attempt = client;
        while (!_streaming.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            var deadline = DateTime.UtcNow + PerOrderDeadline;
            while (true)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Order {key} was not acknowledged within {PerOrderDeadline}; statuses: {Summary()}");
                var silos = _silos();
                var silo = silos[attempt++ % silos.Count];
                if (await TrySubmit(http, silo, key) is { } order)
                {
                    Acknowledged[order.Id] = order;
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private async Task<OrderView?> TrySubmit(HttpClient http, SiloProcess silo, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, "/api/orders"))
        {
            Content = JsonContent.Create(Data.Order(_customer, _productLine, 8), options: Api.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await http.SendAsync(request);
            Statuses.Add(response.StatusCode);
            return response.StatusCode == HttpStatusCode.Created ? await response.Read<OrderView>() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _unanswered);
            return null;
        }
    }
}
