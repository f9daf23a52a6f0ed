using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SupplyGrains.Contracts;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Contracts.Supply;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The allocation of one product line. Its book of orders is pushed to it by the order grains, and it owns the
/// confirmations of committed runs, so a run reads only its own state (plus the product line's supply and the
/// licences' remaining quantities) and a commit is one write of its own state. It never calls an order grain,
/// which is what keeps the order → allocation calls free of cycles.
/// </summary>
public sealed class AllocationGrain(
    [PersistentState("allocation", GrainStorage.Name)] IPersistentState<AllocationState> state,
    SupplyGrainsMetrics metrics,
    TimeProvider clock,
    ILogger<AllocationGrain> logger) : Grain, IAllocationGrain, IOrderFiling
{
    private PagedBook _book = null!;
    private readonly BookTally _tally = new();

    // The book's group commit (Upsert): entries waiting for the next write, the write loop, the calls in progress that
    // need the book to stand still, and the error of a failed write after which this activation writes no more.
    private BookWrite? _queued;
    private Task? _writing;
    private int _stillCalls;
    private Exception? _broken;

    private string ProductLine => this.GetPrimaryKeyString();

    private AllocationState S => state.State;

    private Dictionary<string, BookEntry> Book => _book.Entries;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = await PagedBook.LoadAsync(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name), this.GetGrainId());
        foreach (var entry in Book.Values) _tally.Add(entry, S.AllocatedTo(entry.OrderId));
        ReportBook();
        if (S.Outbox.Count == 0) return;
        try
        {
            await CarryOutEffects();
        }
        catch (Exception e)
        {
            // The effects stay in the outbox; the next call retries them.
            logger.LogWarning(e, "Allocation {ProductLine}: pending effects could not be carried out on activation", ProductLine);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.WithdrawBook(ProductLine);
        return Task.CompletedTask;
    }

    public Task Upsert(BookEntry entry)
    {
        // Interleaves with every other call (see IAllocationGrain): it only queues the entry for the next write of the
        // book and waits for that write; the book itself changes only in WriteQueuedEntries, never beside a run.
        var write = _queued ??= new BookWrite();
        write.Entries.Add(entry);
        WriteQueuedEntries();
        return write.Durable;
    }

    public Task UpsertMany(IReadOnlyList<BookEntry> entries)
    {
        var write = _queued ??= new BookWrite();
        write.Entries.AddRange(entries);
        WriteQueuedEntries();
        return write.Durable;
    }

    public Task File<TRecord>(IReadOnlyList<FiledOrder<TRecord>> orders)
    {
        var write = _queued ??= new BookWrite();
        foreach (var order in orders)
        {
            write.Entries.Add(order.Entry);
            // No ETag: the record is claimed new, and a record already on file fails the write.
            write.Records.Add(RecordWrite.Of(order.StateName, order.Grain, new GrainState<TRecord>(order.Record)));
        }
        WriteQueuedEntries();
        return write.Durable;
    }

    /// <summary>
    /// Starts the loop that writes queued entries, unless it runs already or a call that must see the book stand still
    /// (<see cref="WhileTheBookStandsStill{T}"/>) is in progress; that call starts it again when it ends.
    /// </summary>
    private void WriteQueuedEntries()
    {
        if (_writing is { IsCompleted: false } || _stillCalls > 0 || _queued is null) return;
        _writing = WriteQueuedEntriesAsync();
    }

    /// <summary>
    /// Group commit for the book: while one write is on its way to the store, the entries that arrive queue up, and
    /// the next write stores all of them at once, so a product line's intake needs one book write per round trip to the
    /// store rather than one per order. Each caller is answered only when the write holding its entry is durable.
    /// </summary>
    private async Task WriteQueuedEntriesAsync()
    {
        while (_stillCalls == 0 && _queued is { } write)
        {
            _queued = null;
            try
            {
                await Apply(write);
                write.Succeeded();
            }
            catch (Exception e)
            {
                // Every caller of this write gets its error. After a page write that may have left the pages on file
                // other than those in memory (_broken), a fresh activation will read the book back: the entries queued
                // behind it are refused too, since this activation writes no more. Any other failure (a filed order's
                // record already on file, a release's state write, an effect another grain refused) leaves the book as it
                // is on file, and the next write goes ahead.
                write.Failed(e);
                if (_broken is null) continue;
                _queued?.Failed(e);
                _queued = null;
                return;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> while the book and this grain's state stand still: after the write in progress
    /// ends and with no other write starting until it returns. Entries that arrive meanwhile queue up and are written
    /// together afterwards. Runs, commits and fingerprints read the book across awaits, and a commit must not confirm
    /// units to an order whose entry changed under it (rejected in between, say).
    /// </summary>
    private async Task<T> WhileTheBookStandsStill<T>(Func<Task<T>> work)
    {
        _stillCalls++;
        try
        {
            if (_writing is { } writing) await writing; // never faults: the loop settles its writes' tasks instead
            if (_broken is not null) throw BookReloading();
            return await work();
        }
        finally
        {
            _stillCalls--;
            WriteQueuedEntries();
        }
    }

    private BookReloadingException BookReloading() => new(ProductLine, _broken!.Message);

    /// <summary>Stores newer entries in the book with the write's records, then releases what rejected or cancelled orders held.</summary>
    private async Task Apply(BookWrite write)
    {
        if (_broken is not null) throw BookReloading();
        var entries = write.Entries;
        var newer = new Dictionary<string, BookEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var known = newer.GetValueOrDefault(entry.OrderId) ?? Book.GetValueOrDefault(entry.OrderId);
            if (known is null || known.Revision < entry.Revision) newer[entry.OrderId] = entry;
        }
        if (newer.Count > 0 || write.Records.Count > 0)
        {
            var replaced = newer.Keys.Select(id => Book.GetValueOrDefault(id)).OfType<BookEntry>().ToList();
            try
            {
                await _book.PutAsync(newer.Values, write.Records);
            }
            catch (Exception e) when (!_book.InStep)
            {
                // The pages on file may not be the ones in memory; start again from the file rather than trust them.
                _broken = e;
                DeactivateOnIdle();
                if (StoreUnavailableException.IsCauseOf(e)) throw;
                // A page another activation wrote is no conflict of the caller's own (as a record already on file
                // is): it is told to try again, and intake answers 503 rather than file the order another way.
                throw BookReloading();
            }
            foreach (var known in replaced) _tally.Remove(known, S.AllocatedTo(known.OrderId));
            foreach (var entry in newer.Values) _tally.Add(entry, S.AllocatedTo(entry.OrderId));
            ReportBook();
        }
        // Checked even for a revision the book already has: a crash between the page write and this one must not
        // leave a rejected order holding its confirmations.
        var released = false;
        foreach (var orderId in entries.Select(e => e.OrderId).Distinct())
        {
            var current = Book[orderId];
            if (current.Status is not (OrderStatus.Rejected or OrderStatus.Cancelled) || !S.Confirmations.ContainsKey(orderId)) continue;
            Release(orderId, current.Status);
            released = true;
        }
        if (released)
        {
            await state.WriteStateAsync();
            RecountConfirmations();
        }
        await CarryOutEffects();
    }

    public Task<AllocationRunView> Run(string runId, AllocationRunRequest request, string by) =>
        WhileTheBookStandsStill(() => CountingFailures(request.Strategy.ToString(), request.Mode.ToString(),
            () => RunNow(runId, request, by)));

    /// <summary>
    /// A run that throws for any reason but the caller's input or a stale preview (both counted as refused where they
    /// are decided) is counted as failed, so the runs-failing alert sees a store that failed in the middle of a commit.
    /// </summary>
    private async Task<AllocationRunView> CountingFailures(string strategy, string mode, Func<Task<AllocationRunView>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not (DomainValidationException or ConflictException or NotFoundException))
        {
            metrics.RunFinished(ProductLine, strategy, mode, "failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<AllocationRunView> RunNow(string runId, AllocationRunRequest request, string by)
    {
        EntityId.Require(runId, "id");
        DomainValidation.Require(request, "body");
        if (request.ProductLine != ProductLine)
            throw new DomainValidationException("productLine", $"this allocation is for '{ProductLine}', not '{request.ProductLine}'");
        if (S.Runs.Any(r => r.Id == runId)) return await RecordedRun(runId);
        await CarryOutEffects();

        var started = Stopwatch.GetTimestamp();
        var inputs = await LoadInputs(request);
        AllocationOutcome outcome;
        try
        {
            outcome = AllocationEngine.Allocate(inputs.Problem);
        }
        catch (Exception e) when (e is NotSupportedException or DomainValidationException)
        {
            // Caps that break a rule (the engine names the field) or a strategy it does not know: the caller's input.
            metrics.RunFinished(ProductLine, request.Strategy.ToString(), request.Mode.ToString(), "refused", Stopwatch.GetElapsedTime(started));
            if (e is NotSupportedException) throw new DomainValidationException("strategy", e.Message);
            throw;
        }

        var now = clock.GetUtcNow();
        var run = new AllocationRunView(runId, ProductLine, request.Strategy, request.Mode, RunStatus.Preview, await inputs.Fingerprint, now,
            request.FromWeek, request.ToWeek, inputs.Problem.Caps, outcome.Weeks, outcome.Orders, by, Reallocation: inputs.Reallocation);
        if (request.Mode == RunMode.Commit)
        {
            run = await ApplyCommit(run with { Status = RunStatus.Committed, CommittedAt = now, CommittedBy = by });
        }
        else
        {
            await GrainFactory.GetGrain<IAllocationRunGrain>(runId).Save(run);
            S.Runs.Add(run.Summary);
            await state.WriteStateAsync();
        }
        metrics.RunFinished(ProductLine, request.Strategy.ToString(), request.Mode.ToString(), request.Mode == RunMode.Commit ? "committed" : "previewed", Stopwatch.GetElapsedTime(started));
        return run;
    }

    public Task<AllocationRunView> Commit(string runId, string by) =>
        WhileTheBookStandsStill(() => CountingFailures(S.Runs.FirstOrDefault(r => r.Id == runId)?.Strategy.ToString() ?? "unknown", nameof(RunMode.Commit),
            () => CommitNow(runId, by)));

    private async Task<AllocationRunView> CommitNow(string runId, string by)
    {
        var summary = S.Runs.FirstOrDefault(r => r.Id == runId) ?? throw new NotFoundException("allocation run", runId);
        var run = await RecordedRun(runId);
        if (summary.Status == RunStatus.Committed) return run;
        await CarryOutEffects();

        var started = Stopwatch.GetTimestamp();
        RunInputs inputs;
        try
        {
            inputs = await LoadInputs(new AllocationRunRequest(ProductLine, run.FromWeek, run.ToWeek, run.Strategy, run.Mode, run.Caps));
        }
        catch (DomainValidationException e)
        {
            // The preview's caps were valid when it ran; a policy condition tightened since is a stale input, not bad input.
            metrics.RunFinished(ProductLine, run.Strategy.ToString(), nameof(RunMode.Commit), "refused", Stopwatch.GetElapsedTime(started));
            throw new ConflictException($"Preview '{runId}' is stale: {e.Message} Run a new preview.");
        }
        if (await inputs.Fingerprint != run.InputFingerprint)
        {
            metrics.RunFinished(ProductLine, run.Strategy.ToString(), nameof(RunMode.Commit), "refused", Stopwatch.GetElapsedTime(started));
            throw new ConflictException($"Preview '{runId}' is stale: its inputs (orders, supply or licences) changed since it ran. Run a new preview.");
        }
        var committed = await ApplyCommit(run with { Status = RunStatus.Committed, CommittedAt = clock.GetUtcNow(), CommittedBy = by });
        metrics.RunFinished(ProductLine, run.Strategy.ToString(), nameof(RunMode.Commit), "committed", Stopwatch.GetElapsedTime(started));
        return committed;
    }

    public Task<string> Fingerprint(AllocationRunRequest request) =>
        WhileTheBookStandsStill(async () => await (await LoadInputs(request)).Fingerprint);

    public Task<OrderConfirmations> GetConfirmations(string orderId) =>
        Task.FromResult(S.Confirmations.TryGetValue(orderId, out var list)
            ? new OrderConfirmations(AllocationState.Total(list), [.. list])
            : OrderConfirmations.None);

    public Task<IReadOnlyList<AuditEvent>> GetOrderHistory(string orderId) =>
        Task.FromResult(OrderHistory.Of(orderId, S.Confirmations.GetValueOrDefault(orderId), S.Removals.GetValueOrDefault(orderId), S.Runs));

    public Task<IReadOnlyList<OrderSummary>> ListOrders(OrderFilter filter) =>
        Task.FromResult<IReadOnlyList<OrderSummary>>([.. Book.Values
            .Where(e => filter.Matches(e.CustomerId, e.Status))
            .OrderBy(e => e.SubmittedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal)
            .Select(e =>
            {
                var allocated = S.AllocatedTo(e.OrderId);
                return new OrderSummary(e.OrderId, e.CustomerId, ProductLine, e.Quantity, e.RequestedWeek, e.Status, e.Reasons,
                    allocated, e.Quantity - allocated, e.SubmittedAt);
            })]);

    public Task<IReadOnlyList<string>> OpenOrderIds(string? customerId) =>
        Task.FromResult<IReadOnlyList<string>>([.. Book.Values
            .Where(e => e.Status != OrderStatus.Cancelled && (customerId is null || e.CustomerId == customerId))
            .Select(e => e.OrderId)
            // Grouped by the page of the book each order is stored on: a re-evaluation pushes its batches back in this
            // order, and a batch of neighbours rewrites a few pages instead of touching half the book.
            .OrderBy(_book.PageOf)
            .ThenBy(id => id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<RunSummary>> ListRuns() =>
        Task.FromResult<IReadOnlyList<RunSummary>>([.. S.Runs.OrderByDescending(r => r.CreatedAt)]);

    /// <summary>Reads everything a run depends on; the product line must be defined.</summary>
    private async Task<RunInputs> LoadInputs(AllocationRunRequest request)
    {
        SupplySnapshot supply;
        try
        {
            supply = await GrainFactory.GetGrain<IProductLineGrain>(ProductLine).GetSupply();
        }
        catch (NotFoundException)
        {
            throw new DomainValidationException("productLine", $"unknown product line '{ProductLine}'");
        }
        // The policy in force may put conditions on every run of this product line (a destination ratio).
        var policy = await GrainFactory.GetGrain<IPolicyGrain>(IPolicyGrain.Key).GetCurrent();
        request = request with { Caps = PolicyConditions.Apply(request.Caps, policy, ProductLine) };
        var licenseIds = RunPreparation.Licenses(Book, S.Confirmations);
        var remaining = await Task.WhenAll(licenseIds.Select(RemainingOn)); // licence grains answer side by side
        var licenses = licenseIds.Zip(remaining).ToDictionary(l => l.First, l => l.Second, StringComparer.Ordinal);
        return RunPreparation.Prepare(request, Book, S.Confirmations, supply.Produced, supply.Committed, supply.LotSize, licenses);
    }

    private async Task<int> RemainingOn(string licenseId)
    {
        try
        {
            return (await GrainFactory.GetGrain<ILicenseGrain>(licenseId).Get()).Remaining;
        }
        catch (NotFoundException)
        {
            return 0; // a licence that does not exist covers nothing
        }
    }

    /// <summary>
    /// Records the confirmations and the effects owed in one write of this grain's state, then carries the effects out.
    /// A re-allocation's takebacks go first (supply released, licences returned), then its Win reservations and the
    /// run's own lines are confirmed (supply committed, licences drawn).
    /// </summary>
    private async Task<AllocationRunView> ApplyCommit(AllocationRunView run)
    {
        var released = new Dictionary<IsoWeek, int>();
        var returned = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in run.Reallocation?.Takebacks ?? [])
        {
            TakeBack(t, run);
            released[t.Week] = released.GetValueOrDefault(t.Week) + t.Quantity;
            if (t.LicenseId is not null) returned[t.LicenseId] = returned.GetValueOrDefault(t.LicenseId) + t.Quantity;
        }

        var perWeek = new Dictionary<IsoWeek, int>();
        var perLicense = new Dictionary<string, int>(StringComparer.Ordinal);
        void Confirm(string orderId, IsoWeek week, int quantity, string? licenseId)
        {
            if (!S.Confirmations.TryGetValue(orderId, out var list)) S.Confirmations[orderId] = list = [];
            list.Add(new Confirmation(week, quantity, run.Id, licenseId));
            perWeek[week] = perWeek.GetValueOrDefault(week) + quantity;
            if (licenseId is not null) perLicense[licenseId] = perLicense.GetValueOrDefault(licenseId) + quantity;
        }
        foreach (var r in (run.Reallocation?.Reservations ?? []).Where(r => r.Reserved > 0))
            Confirm(r.OrderId, r.Week, r.Reserved, r.LicenseId);
        foreach (var week in run.Weeks)
        {
            foreach (var line in week.Lines.Where(l => l.Quantity > 0))
                Confirm(line.OrderId, week.Week, line.Quantity, Book[line.OrderId].LicenseId);
        }

        S.Outbox.Add(new PendingEffect(PendingEffectKind.SaveRun, run.Id, [], Run: run));
        if (released.Count > 0) S.Outbox.Add(new PendingEffect(PendingEffectKind.ReleaseSupply, run.Id, Weekly(released)));
        foreach (var (licenseId, units) in returned)
            S.Outbox.Add(new PendingEffect(PendingEffectKind.ReturnLicense, run.Id, [new WeeklyUnits(run.FromWeek, units)], licenseId));
        S.Outbox.Add(new PendingEffect(PendingEffectKind.CommitSupply, run.Id, Weekly(perWeek)));
        foreach (var (licenseId, units) in perLicense)
            S.Outbox.Add(new PendingEffect(PendingEffectKind.DrawLicense, run.Id, [new WeeklyUnits(run.FromWeek, units)], licenseId));
        S.Runs.RemoveAll(r => r.Id == run.Id);
        S.Runs.Add(run.Summary);
        await state.WriteStateAsync();
        RecountConfirmations();
        await CarryOutEffects();
        return run;
    }

    /// <summary>Takes a re-allocation's units back from the confirmation it names (order, week, run and licence).</summary>
    private void TakeBack(Takeback takeback, AllocationRunView run)
    {
        var list = S.Confirmations[takeback.OrderId];
        var left = takeback.Quantity;
        for (var i = list.Count - 1; i >= 0 && left > 0; i--)
        {
            var c = list[i];
            if (c.Week != takeback.Week || c.RunId != takeback.RunId || c.LicenseId != takeback.LicenseId) continue;
            var taken = Math.Min(left, c.Quantity);
            left -= taken;
            if (taken == c.Quantity) list.RemoveAt(i);
            else list[i] = c with { Quantity = c.Quantity - taken };
            Removed(takeback.OrderId, new ConfirmationRemoval(c with { Quantity = taken }, run.CommittedAt ?? clock.GetUtcNow(),
                run.CommittedBy ?? run.CreatedBy, "TakenBack", $"re-allocation run {run.Id}: {takeback.Reason}"));
        }
        if (left > 0)
            throw new InvalidOperationException($"Takeback of {takeback.Quantity} from order {takeback.OrderId}, week {takeback.Week}, run {takeback.RunId} exceeds its confirmations.");
        if (list.Count == 0) S.Confirmations.Remove(takeback.OrderId);
        logger.LogInformation("Allocation {ProductLine}: took {Units} back from order {OrderId} ({Reason})", ProductLine, takeback.Quantity, takeback.OrderId, takeback.Reason);
    }

    private void Removed(string orderId, ConfirmationRemoval removal)
    {
        if (!S.Removals.TryGetValue(orderId, out var list)) S.Removals[orderId] = list = [];
        list.Add(removal);
    }

    /// <summary>Gives a rejected or cancelled order's confirmations back to supply and to their licences.</summary>
    private void Release(string orderId, OrderStatus status)
    {
        if (!S.Confirmations.Remove(orderId, out var confirmations) || confirmations.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var c in confirmations)
            Removed(orderId, new ConfirmationRemoval(c, now, "system", "Released", $"the order is {status}: its confirmed units went back to supply"));
        var entryId = $"release-{orderId}-{++S.Releases}";
        var perWeek = confirmations.GroupBy(c => c.Week).ToDictionary(g => g.Key, g => g.Sum(c => c.Quantity));
        S.Outbox.Add(new PendingEffect(PendingEffectKind.ReleaseSupply, entryId, Weekly(perWeek)));
        foreach (var byLicense in confirmations.Where(c => c.LicenseId is not null).GroupBy(c => c.LicenseId!))
            S.Outbox.Add(new PendingEffect(PendingEffectKind.ReturnLicense, entryId, [new WeeklyUnits(byLicense.First().Week, byLicense.Sum(c => c.Quantity))], byLicense.Key));
        logger.LogInformation("Allocation {ProductLine}: order {OrderId} is {Status}; released {Units} confirmed units",
            ProductLine, orderId, status, confirmations.Sum(c => c.Quantity));
    }

    private async Task CarryOutEffects()
    {
        while (S.Outbox.Count > 0)
        {
            var effect = S.Outbox[0];
            var units = effect.Units.Sum(u => u.Units);
            var task = effect.Kind switch
            {
                PendingEffectKind.SaveRun => GrainFactory.GetGrain<IAllocationRunGrain>(effect.EntryId).Save(effect.Run!),
                PendingEffectKind.CommitSupply => GrainFactory.GetGrain<IProductLineGrain>(ProductLine).Commit(effect.EntryId, effect.Units),
                PendingEffectKind.ReleaseSupply => GrainFactory.GetGrain<IProductLineGrain>(ProductLine).Release(effect.EntryId, effect.Units),
                PendingEffectKind.DrawLicense => GrainFactory.GetGrain<ILicenseGrain>(effect.LicenseId!).Draw(effect.EntryId, units),
                PendingEffectKind.ReturnLicense => GrainFactory.GetGrain<ILicenseGrain>(effect.LicenseId!).Return(effect.EntryId, units),
                _ => throw new InvalidOperationException($"Unknown effect {effect.Kind}"),
            };
            await task;
            S.Outbox.RemoveAt(0);
            await state.WriteStateAsync();
        }
    }

    private static List<WeeklyUnits> Weekly(Dictionary<IsoWeek, int> perWeek) =>
        [.. perWeek.OrderBy(w => w.Key).Select(w => new WeeklyUnits(w.Key, w.Value))];

    private async Task<AllocationRunView> RecordedRun(string runId)
    {
        var pending = S.Outbox.FirstOrDefault(e => e.Kind == PendingEffectKind.SaveRun && e.EntryId == runId)?.Run;
        return pending ?? await GrainFactory.GetGrain<IAllocationRunGrain>(runId).Find() ?? throw new NotFoundException("allocation run", runId);
    }

    private void ReportBook() => metrics.ReportBook(ProductLine, _tally.Figures());

    private void RecountConfirmations()
    {
        _tally.Recount(S.Confirmations.Keys.Select(id => Book[id]), S.AllocatedTo);
        ReportBook();
    }
}
