namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// Shares a week's lots among one group of customers by weight: their queues become segments for
/// <see cref="ProgressiveFilling"/>, and <see cref="LotRounding"/> turns its answer into lots. FairShare, ProRata and
/// PastSales differ only in the weights they pass.
/// </summary>
/// <remarks>
/// A destination ratio is a fixed point around its reference: the customers with an order to a reference destination
/// keep the lots rounding gives them, and everybody else is max-min fair under the room those whole lots allow. Rounding
/// moves the reference by up to a lot per customer from its continuous share, which moves both the destination's room
/// and the supply left to the others; remainders placed on shares computed before that can leave a customer more than
/// a lot from what it deserves around the lots actually placed. So when the group has both sides of a ratio, the
/// customers without a reference order are shared and rounded once more around the reference lots: one more rise over
/// part of the group, the same O(k log k). The lots left and fairness are then settled over the whole group, so a
/// reference customer still takes what the others cannot.
/// </remarks>
internal sealed class WeightedShare(CountryCaps countryCaps)
{
    private readonly ProgressiveFilling _filling = new(countryCaps);
    private int[] _segmentFirstSlot = new int[16];
    private int[] _segmentEndSlot = new int[16];
    private int[] _others = new int[16];
    private double[] _otherWeights = new double[16];

    /// <summary>Serves <paramref name="customers"/> (in tie-break order) with the matching <paramref name="weights"/>.</summary>
    public void Serve(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (customers.IsEmpty || ledger.Pool <= 0) return;
        Share(ledger, customers, weights);
        var others = OthersAroundReference(ledger, customers, weights);
        if (others > 0)
        {
            for (var n = 0; n < others; n++) ledger.TakeBackAll(_others[n]);
            // The room given back to shared caps can reopen orders of the reference's customers too.
            foreach (var customer in customers) ledger.Rewind(customer);
            Share(ledger, _others.AsSpan(0, others), _otherWeights.AsSpan(0, others));
        }
        LotRounding.Complete(ledger, customers, weights);
    }

    private void Share(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
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
        LotRounding.PlaceShares(ledger, customers, _filling, _segmentFirstSlot, _segmentEndSlot);
    }

    /// <summary>
    /// Copies the customers without an order to a ratio's reference, with their weights, to <see cref="_others"/>, and
    /// returns how many there are; 0 unless the group has customers of a reference and others with an order to a
    /// ratio's destination side (without those, the reference's lots change nothing the others could get).
    /// </summary>
    private int OthersAroundReference(WeekLedger ledger, ReadOnlySpan<int> customers, ReadOnlySpan<double> weights)
    {
        if (countryCaps.RatioCount == 0) return 0;
        if (_others.Length < customers.Length)
        {
            _others = new int[customers.Length];
            _otherWeights = new double[customers.Length];
        }
        var count = 0;
        var destinations = false;
        for (var i = 0; i < customers.Length; i++)
        {
            var (reference, destination) = RatioSides(ledger, customers[i]);
            if (reference) continue;
            destinations |= destination;
            _others[count] = customers[i];
            _otherWeights[count++] = weights[i];
        }
        return destinations && count < customers.Length ? count : 0;
    }

    /// <summary>Whether the customer has an order to a ratio's reference, and one to a ratio's destination side.</summary>
    private (bool Reference, bool Destination) RatioSides(WeekLedger ledger, int customer)
    {
        bool reference = false, destination = false;
        for (var slot = ledger.FirstSlot(customer); slot < ledger.EndSlot(customer); slot++)
        {
            var country = ledger.CountryAt(slot);
            if (country < 0) continue;
            reference |= countryCaps.ReferenceOf[country].Length > 0;
            destination |= countryCaps.DestinationOf[country] >= 0;
        }
        return (reference, destination);
    }
}
