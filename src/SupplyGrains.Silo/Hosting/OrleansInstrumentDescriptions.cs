using System.Diagnostics.Metrics;

namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// Help texts for Orleans' instruments, which Orleans publishes without descriptions (Prometheus' exposition then has
/// no <c># HELP</c> line, and promtool objects). Written from what Orleans' sources record in each; an instrument a
/// later Orleans adds gets a generic text until it is described here.
/// </summary>
internal static class OrleansInstrumentDescriptions
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["app_requests_latency"] = "Time from sending a grain call to receiving its response, on the calling silo.",
        ["app_requests_timedout"] = "Grain calls that timed out waiting for a response.",
        ["catalog_activations"] = "Grain activations on this silo.",
        ["catalog_activation_created"] = "Grain activations created on this silo.",
        ["catalog_activation_destroyed"] = "Grain activations destroyed on this silo.",
        ["catalog_activation_failed_to_activate"] = "Grain activations whose activation failed.",
        ["catalog_activation_collections"] = "Idle activation collection passes.",
        ["catalog_activation_shutdown"] = "Activations deactivated by idle collection, by the application or at shutdown.",
        ["catalog_activation_non_existent"] = "Messages addressed to activations that no longer exist on this silo.",
        ["catalog_activation_concurrent_registration_attempts"] = "Activations that lost a race to register the same grain elsewhere.",
        ["catalog_activation_latency"] = "Time to activate a grain, including reading its state.",
        ["catalog_activation_working_set"] = "Activations in the working set: recently active, not yet idle.",
        ["consistent_ring_size"] = "Silos in the consistent hash ring.",
        ["consistent_ring_range_percentage_local"] = "Share of the consistent hash ring this silo owns, in percent.",
        ["consistent_ring_range_percentage_average"] = "Average share of the consistent hash ring per silo, in percent.",
        ["directory_cache_size"] = "Entries in this silo's grain directory cache.",
        ["directory_partition_size"] = "Grain registrations in this silo's partition of the grain directory.",
        ["directory_lookups_local_issued"] = "Grain directory lookups this silo started.",
        ["directory_lookups_local_successes"] = "Grain directory lookups this silo answered itself.",
        ["directory_lookups_full_issued"] = "Grain directory lookups that needed the whole directory (cache miss).",
        ["directory_lookups_remote_sent"] = "Grain directory lookups sent to another silo.",
        ["directory_lookups_remote_received"] = "Grain directory lookups received from other silos.",
        ["directory_lookups_local_directory_issued"] = "Lookups in this silo's own directory partition.",
        ["directory_lookups_local_directory_successes"] = "Lookups in this silo's own directory partition that found the grain.",
        ["directory_lookups_cache_issued"] = "Grain directory cache lookups.",
        ["directory_lookups_cache_successes"] = "Grain directory cache lookups that hit.",
        ["directory_validations_cache_sent"] = "Directory cache validations sent to other silos.",
        ["directory_validations_cache_received"] = "Directory cache validations received from other silos.",
        ["directory_registration_duration"] = "Time to register a grain activation in the grain directory.",
        ["directory_registrations"] = "Grain directory registrations.",
        ["directory_registrations_single_act_issued"] = "Single-activation registrations this silo started.",
        ["directory_registrations_single_act_local"] = "Single-activation registrations handled in this silo's partition.",
        ["directory_registrations_single_act_remote_sent"] = "Single-activation registrations sent to another silo.",
        ["directory_registrations_single_act_remote_received"] = "Single-activation registrations received from other silos.",
        ["directory_unregistrations_issued"] = "Grain directory unregistrations this silo started.",
        ["directory_unregistrations_local"] = "Grain directory unregistrations handled in this silo's partition.",
        ["directory_unregistrations_remote_sent"] = "Grain directory unregistrations sent to another silo.",
        ["directory_unregistrations_remote_received"] = "Grain directory unregistrations received from other silos.",
        ["directory_ring_size"] = "Silos in the grain directory's ring.",
        ["directory_ring_local_portion_distance"] = "Size of the ring range this silo's directory partition owns.",
        ["directory_ring_local_portion_percentage"] = "Share of the grain directory ring this silo owns, in percent.",
        ["directory_ring_local_portion_average_percentage"] = "Average share of the grain directory ring per silo, in percent.",
        ["gateway_connected_clients"] = "Orleans clients (such as the CLI) connected to this silo's gateway.",
        ["gateway_sent"] = "Messages the gateway sent to clients.",
        ["gateway_received"] = "Messages the gateway received from clients.",
        ["gateway_load_shedding"] = "Client messages the gateway rejected while shedding load.",
        ["grains"] = "Grain activations on this silo, by grain type.",
        ["system_targets"] = "Orleans system targets on this silo, by type.",
        ["messaging_sent_messages_size"] = "Size of messages sent to other silos and clients.",
        ["messaging_received_messages_size"] = "Size of messages received from other silos and clients.",
        ["messaging_sent_header_size"] = "Bytes of message headers sent.",
        ["messaging_received_header_size"] = "Bytes of message headers received.",
        ["messaging_sent_failed"] = "Messages that could not be sent.",
        ["messaging_sent_dropped"] = "Messages dropped before sending.",
        ["messaging_sent_local"] = "Messages delivered within this silo without the network.",
        ["messaging_expired"] = "Messages that expired before they were processed.",
        ["messaging_rejected"] = "Messages rejected by this silo.",
        ["messaging_rerouted"] = "Messages rerouted to another silo.",
        ["messaging_pings_sent"] = "Membership pings sent.",
        ["messaging_pings_received"] = "Membership pings received.",
        ["messaging_pings_reply_received"] = "Membership ping replies received.",
        ["messaging_pings_reply_missed"] = "Membership pings that got no reply in time.",
        ["messaging_processing_dispatcher_received"] = "Messages the dispatcher received.",
        ["messaging_processing_dispatcher_processed"] = "Messages the dispatcher processed.",
        ["messaging_processing_dispatcher_forwarded"] = "Messages the dispatcher forwarded to another activation or silo.",
        ["messaging_processing_ima_received"] = "Incoming messages received by the message acceptor.",
        ["messaging_processing_ima_enqueued"] = "Incoming messages enqueued for processing.",
        ["messaging_processing_activation_data"] = "Activations by the state of their message processing.",
        ["networking_sockets_opened"] = "Network connections opened.",
        ["networking_sockets_closed"] = "Network connections closed.",
        ["runtime_available_memory"] = "Memory available to this silo's process.",
        ["runtime_total_physical_memory"] = "Physical memory of the machine or container this silo runs in.",
        ["scheduler_long_running_turns"] = "Grain turns that ran longer than the scheduler's warning threshold.",
        ["storage_read_latency"] = "Time to read a grain's state from its storage provider.",
        ["storage_write_latency"] = "Time to write a grain's state through its storage provider.",
        ["storage_clear_latency"] = "Time to clear a grain's state in its storage provider.",
        ["storage_read_errors"] = "Grain state reads that failed.",
        ["storage_write_errors"] = "Grain state writes that failed.",
        ["storage_clear_errors"] = "Grain state clears that failed.",
        ["watchdog_health_checks"] = "Health checks the silo watchdog ran.",
        ["watchdog_health_checks_failed"] = "Health checks the silo watchdog ran that failed.",
        ["client_connected_gateways"] = "Gateways this client is connected to.",
        ["reminders_tardiness"] = "How late reminders ticked.",
        ["reminders_active"] = "Active reminders on this silo.",
        ["reminders_ticks_delivered"] = "Reminder ticks delivered.",
    };

    /// <summary>The help text for <paramref name="instrument"/>, of Orleans' meter.</summary>
    public static string For(Instrument instrument) =>
        instrument.Description is { Length: > 0 } own ? own
        : Descriptions.TryGetValue(Key(instrument.Name), out var text) ? text
        : $"Orleans' {instrument.Name} (Orleans gives it no description).";

    /// <summary>"orleans-catalog-activations" and "orleans.catalog.activations" alike: Orleans has used both spellings.</summary>
    private static string Key(string name) =>
        name.Replace('-', '_').Replace('.', '_') is var key && key.StartsWith("orleans_", StringComparison.Ordinal) ? key["orleans_".Length..] : key;
}
