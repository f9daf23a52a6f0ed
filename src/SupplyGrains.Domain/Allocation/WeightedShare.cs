namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Shares a week's lots among one group of customers by weight: their queues become segments for
/// <see cref="ProgressiveFilling"/>, and <see cref="LotRounding"/> turns its answer into lots. FairShare, ProRata and
/// PastSales differ only in the weights they pass.
/// </summary>
internal sealed class WeightedShare(CountryCaps countryCaps)
{
    private readonly ProgressiveFilling _filling = new(countryCaps);
    private int[] _segmentFirstSlot = new int[16];
    private int[] _segmentEndSlot = new int[16];

    /// <summary>Serves <paramref name="customers"/> (in tie-break order) with the matching <paramref name="weights"/>.</summary>
    public void Serve(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (customers.IsEmpty || ledger.Pool <= 0) return;
        _filling.Clear();
        for (var i = 0; i < customers.Length; i++)
        {
            var customer = customers[i];
            _filling.AddCustomer(weights[i], ledger.ShareCapLots - ledger.LotsOf(customer));
            var end = ledger.EndSlot(customer);
            // Consecutive orders under the same licence (or none) and to the same capped country (or none) fill as one:
            // the queue order inside does not change how much the customer deserves, only which order gets it, and
            // fewer segments mean fewer events.
            for (var first = ledger.FirstSlot(customer); first < end;)
            {
                var licence = ledger.LicenceAt(first);
                var country = ledger.CountryAt(first);
                long demand = 0;
                var slot = first;
                for (; slot < end && ledger.LicenceAt(slot) == licence && ledger.CountryAt(slot) == country; slot++) demand += ledger.RemainingAt(slot);
                var segment = _filling.AddSegment(demand, licence, country);
                if (segment >= _segmentFirstSlot.Length)
                {
                    Array.Resize(ref _segmentFirstSlot, _segmentFirstSlot.Length * 2);
                    Array.Resize(ref _segmentEndSlot, _segmentEndSlot.Length * 2);
                }
                _segmentFirstSlot[segment] = first;
                _segmentEndSlot[segment] = slot;
                first = slot;
            }
        }
        _filling.Run(ledger.Pool, ledger.Book.CapRoomLots, ledger.CountryLots);
        LotRounding.Round(ledger, customers, weights, _filling, _segmentFirstSlot, _segmentEndSlot);
    }
}
