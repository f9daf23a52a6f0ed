using System.CommandLine;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Rendering;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Commands;

/// <summary><c>supplygrains orders ...</c>: list, show, submit, import from CSV, cancel, and record the decisions that release holds.</summary>
public static class OrderCommands
{
    public static Command Create(CommandBinder binder) => new("orders", "Orders: list, show, submit, import a CSV, cancel, record decisions")
    {
        List(binder), Show(binder), Submit(binder), OrderImportCommand.Create(binder), Cancel(binder), ImportDecisionCommand(binder), Review(binder),
    };

    private static Argument<string> OrderId() => new("order-id") { Description = "The order's id", CustomParser = Parsers.Id };

    private static Command List(CommandBinder binder)
    {
        var customer = new Option<string?>("--customer", "-c") { Description = "Only this customer's orders", CustomParser = r => Parsers.Id(r) };
        var productLine = new Option<string?>("--product-line", "-p") { Description = "Only this product line's orders", CustomParser = r => Parsers.Id(r) };
        var status = new Option<OrderStatus?>("--status", "-s") { Description = "Only orders in this status" };
        var list = new Command("list", "Orders with their status and reason codes, oldest first") { customer, productLine, status };
        return binder.Bind(list, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var filter = new OrderFilter(context.Parse.GetValue(customer), context.Parse.GetValue(status));
            // As GET /api/orders does: the product lines' allocation books hold the listings, no order grain is called.
            var productLines = context.Parse.GetValue(productLine) is { } one ? [one] : await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.Key).List();
            var lists = await Task.WhenAll(productLines.Select(p => grains.GetGrain<IAllocationGrain>(p).ListOrders(filter)));
            var orders = lists.SelectMany(l => l).OrderBy(o => o.SubmittedAt).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
            if (context.Json) CliJson.Write(context.Out, orders);
            else context.Out.Write(OrderViews.List(orders));
            return ExitCode.Ok;
        });
    }

    private static Command Show(CommandBinder binder)
    {
        var id = OrderId();
        var audit = new Option<bool>("--audit") { Description = "Also the order's whole audit trail: every gate decision, approval, review, confirmation and takeback" };
        var show = new Command("show", "One order: every gate's decision with its reason and policy version, and its confirmations") { id, audit };
        return binder.Bind(show, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var order = grains.GetGrain<IOrderGrain>(context.Value(id));
            var view = await order.Get();
            var trail = context.Value(audit) ? await order.GetAudit() : null;
            if (context.Json)
            {
                if (trail is null) CliJson.Write(context.Out, view);
                else CliJson.Write(context.Out, new { order = view, audit = trail });
            }
            else context.Out.Write(OrderViews.Show(view, trail));
            return ExitCode.Ok;
        });
    }

    private static Command Submit(CommandBinder binder)
    {
        var customer = new Option<string>("--customer", "-c") { Description = "Buyer's customer id", Required = true, CustomParser = Parsers.Id };
        var productLine = new Option<string>("--product-line", "-p") { Description = "Product code, e.g. h200", Required = true, CustomParser = Parsers.Id };
        var quantity = new Option<int>("--quantity", "-q") { Description = "Units: a positive multiple of the product line's lot size", Required = true };
        var week = new Option<IsoWeek>("--week", "-w") { Description = "Requested week (YYYY-Www)", Required = true, CustomParser = Parsers.Week };
        var useCase = new Option<UseCase>("--use-case", "-u") { Description = "What the units are for", Required = true };
        var shipTo = new Option<string>("--ship-to") { Description = "Ship-to country (ISO 3166 alpha-2, e.g. US)", Required = true, CustomParser = Parsers.Country };
        var endUser = new Option<string?>("--end-user") { Description = "End user's name, when the buyer is not the end user" };
        var endUserCountry = new Option<string?>("--end-user-country") { Description = "End user's country (with --end-user)", CustomParser = r => Parsers.Country(r) };
        var confirmationClass = new Option<ConfirmationClass?>("--class") { Description = "Confirmation class: how its confirmations are protected when supply drops (default Redistribute)" };
        var orderId = new Option<string?>("--id") { Description = "The order's id (default: a new one). Submitting the same order again under its id is safe: it returns the order as it is.", CustomParser = r => Parsers.Id(r) };
        var submit = new Command("submit", "Submit one order; every gate decides at once")
        {
            customer, productLine, quantity, week, useCase, shipTo, endUser, endUserCountry, confirmationClass, orderId,
        };
        submit.Validators.Add(result =>
        {
            if ((result.GetValue(endUser) is null) != (result.GetValue(endUserCountry) is null))
                result.AddError("--end-user and --end-user-country go together.");
        });
        return binder.Bind(submit, async (context, cancellationToken) =>
        {
            var request = new OrderRequest(context.Value(customer), context.Value(productLine), context.Value(quantity), context.Value(week),
                context.Value(useCase), context.Value(shipTo),
                context.Parse.GetValue(endUser) is { } name ? new EndUser(name, context.Parse.GetValue(endUserCountry)!) : null,
                context.Parse.GetValue(confirmationClass));
            var id = context.Parse.GetValue(orderId) ?? NewOrderId();
            var grains = await context.Grains(cancellationToken);
            var order = await grains.GetGrain<IOrderGrain>(id).Submit(request, context.By);
            if (context.Json) CliJson.Write(context.Out, order);
            else context.Out.Write(OrderViews.Show(order));
            return ExitCode.Ok;
        });
    }

    /// <summary>The API's form of a server-assigned order id (<c>o-</c> and a time-ordered GUID).</summary>
    public static string NewOrderId() => $"o-{Guid.CreateVersion7():N}";

    private static Command Cancel(CommandBinder binder)
    {
        var id = OrderId();
        var cancel = new Command("cancel", "Cancel an order; its confirmed units go back to supply") { id };
        return binder.Bind(cancel, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var order = await grains.GetGrain<IOrderGrain>(context.Value(id)).Cancel(context.By);
            return Print(context, order);
        });
    }

    private static Command ImportDecisionCommand(CommandBinder binder)
    {
        var id = OrderId();
        var decision = new Argument<ImportDecisionKind>("decision") { Description = "Approved or Denied" };
        var authority = new Option<string>("--authority") { Description = "The importing authority, e.g. CN-MOFCOM", Required = true };
        var reference = new Option<string>("--reference") { Description = "The authority's reference for the decision", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, in a few words" };
        var command = new Command("import-decision", "Record the importing authority's approval or denial of an order; the order is decided again") { id, decision, authority, reference, note };
        return binder.Bind(command, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var order = await grains.GetGrain<IOrderGrain>(context.Value(id)).RecordImportDecision(
                new ImportDecision(context.Value(decision), context.Value(authority), context.Value(reference), context.Parse.GetValue(note)), context.By);
            return Print(context, order);
        });
    }

    private static Command Review(CommandBinder binder)
    {
        var id = OrderId();
        var decision = new Argument<ReviewDecisionKind>("decision") { Description = "Clear or Deny" };
        var note = new Option<string?>("--note") { Description = "Why, in a few words" };
        var command = new Command("review", "Clear or deny an order's screening and diversion holds; the order is decided again") { id, decision, note };
        return binder.Bind(command, async (context, cancellationToken) =>
        {
            var grains = await context.Grains(cancellationToken);
            var order = await grains.GetGrain<IOrderGrain>(context.Value(id)).RecordReview(new ReviewDecision(context.Value(decision), context.Parse.GetValue(note)), context.By);
            return Print(context, order);
        });
    }

    private static int Print(CommandContext context, OrderView order)
    {
        if (context.Json) CliJson.Write(context.Out, order);
        else context.Out.Write(OrderViews.Show(order));
        return ExitCode.Ok;
    }
}
