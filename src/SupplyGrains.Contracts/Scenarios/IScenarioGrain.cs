namespace SupplyGrains.Contracts.Scenarios;

/// <summary>Loads a scenario document through the other grains' interfaces, exactly as a sequence of API calls would.</summary>
[Alias("SupplyGrains.IScenarioGrain")]
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Loads the document; every step is idempotent, so loading the same scenario twice changes nothing.</summary>
    [Alias("Load")]
    Task<ScenarioReport> Load(ScenarioDocument document, string by);
}
