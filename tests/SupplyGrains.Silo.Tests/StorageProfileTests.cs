using Npgsql;
using SupplyGrains.Silo.Hosting;

namespace SupplyGrains.Silo.Tests;

/// <summary>The connection strings the cluster profile derives from the operator's <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class StorageProfileTests
{
    private const string Operator = "Host=db;Username=supplygrains;Password=secret;Database=sg;Maximum Pool Size=20";

    [Fact]
    public void GrainState_PreparesItsStatements_UnderItsOwnName_WithTheOperatorsPool()
    {
        var grainState = new NpgsqlConnectionStringBuilder(StorageProfile.ForGrainState(Operator));

        Assert.Equal((StorageProfile.AutoPreparedStatements, "supplygrains-grains", 20, "db"),
            (grainState.MaxAutoPrepare, grainState.ApplicationName, grainState.MaxPoolSize, grainState.Host));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("Max Auto Prepare=50", 50)]
    [InlineData("MaxAutoPrepare=0", 0)]
    public void GrainState_KeepsAnAutoPrepareTheOperatorSet(string setting, int expected)
    {
        var grainState = new NpgsqlConnectionStringBuilder(StorageProfile.ForGrainState($"{Operator};{setting}"));

        Assert.Equal(expected, grainState.MaxAutoPrepare);
    }
}
