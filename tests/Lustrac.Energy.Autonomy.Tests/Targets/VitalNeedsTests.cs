using Lustrac.Energy.Autonomy.Targets;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Targets;

public class VitalNeedsTests
{
    [Fact]
    public void The_index_renormalises_weights_over_defined_components()
    {
        Near(0.75, VitalNeeds.Index(0.9, 0.6, null), FractionTolerance); // (0.9 + 0.6) / 2
        Near(0.6, VitalNeeds.Index(0.9, 0.6, 0.3), FractionTolerance); // (0.9 + 0.6 + 0.3) / 3
        Near(0.675, VitalNeeds.Index(0.9, 0.6, 0.3, new VitalNeedsWeights(2, 1, 1)), FractionTolerance); // (1.8 + 0.6 + 0.3) / 4
        Assert.Null(VitalNeeds.Index(null, null, null));
    }

    [Fact]
    public void Each_component_is_compared_with_its_target_and_unknown_stays_unknown()
    {
        var r = VitalNeeds.Report(0.9, 0.6, null, new AutonomyTargets());
        Assert.True(r.Energy.Met);
        Assert.False(r.Water.Met);
        Near(-0.25, r.Water.Gap, FractionTolerance); // 0.6 − 0.85
        Assert.Null(r.Compost.Met);
        Assert.Equal(2, r.ComponentsUsed);
        Assert.False(r.Index.Met); // 0.75 < 0.85
    }
}
