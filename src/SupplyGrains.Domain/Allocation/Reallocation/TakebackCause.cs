namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>Why a re-allocation takes a confirmation back.</summary>
public enum TakebackCause
{
    /// <summary>A week's supply to date fell below what was committed to date; weakest classes give back first.</summary>
    OverCommitted,

    /// <summary>The run is a re-allocation, and a Lose confirmation in the run's weeks gives everything back.</summary>
    LoseGivesBack,

    /// <summary>Taken from a weaker class to make room for a Win order's unconfirmed demand.</summary>
    ForWin,
}
