using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>Why a confirmation gives units back, in the words of a supply planner.</summary>
internal static class TakebackReason
{
    public static string OverCommitted(OverCommitment week, ConfirmationClass confirmationClass, string customerId) =>
        $"{week}; {ClassRule(confirmationClass, customerId)}";

    public static string LoseGivesBack(OverCommitment trigger) =>
        $"re-allocation ({trigger}); Lose gives everything back";

    public static string ForWin(string winOrderId, IsoWeek week, ConfirmationClass confirmationClass, string customerId) =>
        $"taken for Win order {winOrderId}, which must be confirmed in full from week {week}; " +
        (confirmationClass == ConfirmationClass.Redistribute
            ? $"Redistribute is weaker than Win and gives by weighted fair share ({customerId} held the most per unit of weight)"
            : $"{confirmationClass} is weaker than Win");

    private static string ClassRule(ConfirmationClass confirmationClass, string customerId) => confirmationClass switch
    {
        ConfirmationClass.Lose => "Lose gives back first",
        ConfirmationClass.Fill => "Fill gives back once no Lose is left",
        ConfirmationClass.Redistribute =>
            $"Redistribute gives back once no Lose or Fill is left, by weighted fair share ({customerId} held the most per unit of weight)",
        ConfirmationClass.Gain => "Gain gives back only once no Lose, Fill or Redistribute is left",
        ConfirmationClass.Win => "Win gives back last: nothing weaker is left",
        _ => throw new ArgumentOutOfRangeException(nameof(confirmationClass), confirmationClass, null),
    };
}
