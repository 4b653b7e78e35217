using Spiking.Description;
using Xunit.Sdk;

namespace Spiking.Tests.Parity;

/// <summary>
/// The comparison the parity tests rely on (<see cref="ParityRuns.AssertSame"/>) sees a difference in each
/// thing it compares, on the CPU step engine alone: a pass of the parity suite is not a vacuous one.
/// </summary>
public class ParityComparisonTests
{
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };

    private static NetworkSpec Spec(uint trial = 0) => new(
        new SimulationSpec(0.1, 20, Seed: 3) { Trial = trial },
        [new PopulationSpec("p", "lif_cuba", 12, Lif, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) })],
        [
            new ProjectionSpec("pp", "p", "p", "exc", new FixedProbabilityConnector(0.3), new UniformValue(0.5, 1.5), new ConstantValue(1))
                { Plasticity = new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = 0.05, ["w_min"] = 0, ["w_max"] = 3 }, new Dictionary<string, string>()) },
        ],
        [new PoissonInputSpec("bg", "p", "exc", 5000, 2.0)],
        [new SpikeMonitorSpec("p"), new StateMonitorSpec("p", ["v"], 0.5), new RateMonitorSpec("p", 1), new WeightMonitorSpec("pp", [0, 20])]);

    [Fact]
    public void The_same_run_twice_compares_equal_and_another_trial_does_not()
    {
        var a = ParityRuns.On(Spec(), ParityRuns.Cpu);
        Assert.True(a.Record.SpikeIds[0].Count > 20, $"{a.Record.SpikeIds[0].Count} spikes");
        ParityRuns.AssertSame(a, ParityRuns.On(Spec(), ParityRuns.Cpu), "cpu again");
        // Trial 1: the same synapses, other dynamics: spikes, samples, rates and weights all differ.
        Assert.Throws<TrueException>(() => ParityRuns.AssertSame(a, ParityRuns.On(Spec(trial: 1), ParityRuns.Cpu), "trial 1"));
    }

    [Fact]
    public void One_weight_off_by_one_ulp_after_the_run_is_seen()
    {
        var a = ParityRuns.On(Spec(), ParityRuns.Cpu);
        var b = ParityRuns.On(Spec(), ParityRuns.Cpu);
        var rule = b.Rules["pp"];
        var w = rule.Weights.ToArray();
        w[5] = Math.BitIncrement(w[5]);
        rule.SetWeights(w);
        var ex = Assert.Throws<TrueException>(() => ParityRuns.AssertSame(a, b, "nudged"));
        Assert.Contains("projection 'pp'", ex.Message);
    }

    [Fact]
    public void One_state_value_off_by_one_ulp_after_the_run_is_seen()
    {
        var a = ParityRuns.On(Spec(), ParityRuns.Cpu);
        var b = ParityRuns.On(Spec(), ParityRuns.Cpu);
        var v = b.Network.Population("p").Group.Variable("v");
        v[7] = Math.BitIncrement(v[7]);
        var ex = Assert.Throws<TrueException>(() => ParityRuns.AssertSame(a, b, "nudged"));
        Assert.Contains("final v of population 'p'", ex.Message);
    }
}
