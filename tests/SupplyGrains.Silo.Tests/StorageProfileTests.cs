using Microsoft.Extensions.Configuration;
using Npgsql;
using SupplyGrains.Grains.Storage;
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

    [Fact]
    public void GrainState_TakesWritersAndBatchSizeFromStoragePostgres()
    {
        var options = new PostgresGrainStorageOptions();
        new StorageProfile(null, Operator).ConfigureGrainState(Settings(("Storage:Postgres:Writers", "3"), ("Storage:Postgres:MaxBatchSize", "64")), options);

        Assert.Equal((3, 64, "supplygrains-grains"), (options.Writers, options.MaxBatchSize, new NpgsqlConnectionStringBuilder(options.ConnectionString).ApplicationName));
    }

    [Fact]
    public void GrainState_CommitsTwoBatchesSideBySide_UnlessTold()
    {
        var options = new PostgresGrainStorageOptions();
        new StorageProfile(null, Operator).ConfigureGrainState(Settings(), options);

        Assert.Equal((2, 512), (options.Writers, options.MaxBatchSize));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
