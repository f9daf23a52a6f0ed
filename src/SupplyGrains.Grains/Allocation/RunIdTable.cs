using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The order and customer ids of a run being stored, each once, with each order's customer. Entry <c>i</c> is the
/// run's <c>i</c>-th order; orders that only lines name come after them.
/// </summary>
/// <remarks>
/// Hashing and reading ids is what made storing a run slow: a lookup per line in a table of 100k ids, or a read of
/// each order's own copy of its customer's id, costs more than the rest of the encoding. So the table leans on how the
/// engine lists a run. A week's lines follow the run's order of orders, so a walk forward finds each line's order; a
/// line found out of that order switches the table to a hash by reference for the rest of the run (an equal string
/// that is another instance only costs a duplicate entry). An order takes its customer from its first line, where the
/// engine puts one shared string per customer, so consecutive lines of a customer compare by reference.
/// </remarks>
internal sealed class RunIdTable
{
    private readonly IReadOnlyList<OrderAllocation> _orders;
    private readonly List<string> _extraOrderIds = [];
    private readonly List<int> _orderCustomers;
    private readonly List<string> _customerIds = [];
    private readonly Dictionary<string, int> _customerIndex = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _orderIndex;
    private int _next;
    private string? _lastCustomerId;
    private int _lastCustomer;

    public RunIdTable(IReadOnlyList<OrderAllocation> orders)
    {
        _orders = orders;
        RunOrderIds = new string[orders.Count];
        _orderCustomers = new List<int>(orders.Count);
        for (var i = 0; i < RunOrderIds.Length; i++)
        {
            RunOrderIds[i] = orders[i].OrderId;
            _orderCustomers.Add(-1);
        }
    }

    /// <summary>A week's lines start again from the run's first order.</summary>
    public void StartWeek() => _next = 0;

    /// <summary>The entry of a line's order; an order the table does not have is appended.</summary>
    public int IndexOf(string orderId, string customerId)
    {
        var index = Find(orderId);
        if (index < 0)
        {
            _orderIndex![orderId] = index = RunOrderIds.Length + _extraOrderIds.Count;
            _extraOrderIds.Add(orderId);
            _orderCustomers.Add(-1);
        }
        if (_orderCustomers[index] < 0) _orderCustomers[index] = Customer(customerId);
        return index;
    }

    /// <summary>The ids of the run's orders, the table's first entries; never changed, so another thread may read them.</summary>
    public string[] RunOrderIds { get; }

    /// <summary>Orders that lines name but the run does not list, in the order they were met: the entries after.</summary>
    public IReadOnlyList<string> ExtraOrderIds => _extraOrderIds;

    /// <summary>Call after <see cref="OrderCustomers"/>: orders without lines add their customers then.</summary>
    public IReadOnlyList<string> CustomerIds => _customerIds;

    /// <summary>
    /// Each order's customer, once every line has been looked up (orders without lines take theirs from the run's
    /// orders), as steps from the order before's: a customer's orders are mostly next to each other.
    /// </summary>
    public byte[] OrderCustomers()
    {
        var packed = new PackedWriter(_orderCustomers.Count);
        var previous = 0;
        for (var i = 0; i < _orderCustomers.Count; i++)
        {
            var customer = _orderCustomers[i] >= 0 ? _orderCustomers[i] : Customer(_orders[i].CustomerId);
            packed.WriteSigned(customer - previous);
            previous = customer;
        }
        return packed.ToArray();
    }

    private int Find(string orderId)
    {
        if (_orderIndex is null)
        {
            for (var i = _next; i < RunOrderIds.Length; i++)
            {
                if (!ReferenceEquals(RunOrderIds[i], orderId)) continue;
                _next = i + 1;
                return i;
            }
            _orderIndex = new Dictionary<string, int>(RunOrderIds.Length, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < RunOrderIds.Length; i++) _orderIndex.TryAdd(RunOrderIds[i], i);
        }
        return _orderIndex.TryGetValue(orderId, out var index) ? index : -1;
    }

    private int Customer(string customerId)
    {
        if (ReferenceEquals(customerId, _lastCustomerId)) return _lastCustomer;
        if (!_customerIndex.TryGetValue(customerId, out var customer))
        {
            _customerIndex[customerId] = customer = _customerIds.Count;
            _customerIds.Add(customerId);
        }
        (_lastCustomerId, _lastCustomer) = (customerId, customer);
        return customer;
    }
}
