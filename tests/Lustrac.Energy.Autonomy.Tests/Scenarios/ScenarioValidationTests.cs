using Lustrac.Energy.Autonomy.Scenarios;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class ScenarioValidationTests
{
    [Fact]
    public void Bad_changes_are_refused_naming_the_field_and_the_value()
    {
        var problems = ScenarioValidation.Problems(new ScenarioChanges(
            ScaledArrays: [new ScaledArray("pv-nowhere", 2)],
            Batteries: [new ScenarioBattery("b", null, -5, 2, 1.2), new ScenarioBattery("c", "h99", 5, 2, 0.9)],
            Tank: new TankChange(-100, 10)), ["pv-atelier"], ["h01"]);
        Assert.Contains(problems, p => p.StartsWith("scaledArrays[0].arrayId: no shared array 'pv-nowhere'") && p.Contains("pv-atelier"));
        Assert.Contains(problems, p => p.StartsWith("batteries[0].capacityKwh: -5"));
        Assert.Contains(problems, p => p.StartsWith("batteries[0].roundTripEfficiency: 1.2"));
        Assert.Contains(problems, p => p.StartsWith("batteries[1].household: no household 'h99'"));
        Assert.Contains(problems, p => p.StartsWith("tank.extraCapacityL: -100"));
        Assert.Equal(5, problems.Count);
        Assert.Empty(ScenarioValidation.Problems(ScenarioChanges.None, ["pv-atelier"], ["h01"]));
    }
}
