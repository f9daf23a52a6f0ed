using SupplyGrains.Contracts;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// Drops an activation whose call failed because the store could not be reached. A grain changes its state in
/// memory before it writes; when the write fails, the activation would otherwise go on from a state the store never
/// got, and answer a retry as if the lost change had been kept. Deactivated, its next call reads the store again.
/// One filter for every grain, because every grain writes the same way.
/// </summary>
internal sealed class StoreFailureDeactivation : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (StoreUnavailableException.IsCauseOf(exception))
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A grain store operation failed; the state is read again on the next call."));
            throw;
        }
    }
}
