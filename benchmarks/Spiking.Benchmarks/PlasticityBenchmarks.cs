using BenchmarkDotNet.Attributes;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>Learning rule on the excitatory projections of <see cref="PlasticityBenchmarks"/>.</summary>
public enum LearningRule
{
    /// <summary>Static synapses.</summary>
    None,
    /// <summary>Pair STDP, all-to-all, additive, weights in [0, 2·1.62 mV].</summary>
    Stdp,
    /// <summary>Triplet STDP (visual cortex all-to-all parameters), same bounds.</summary>
    Triplet,
}

/// <summary>
/// The cost of plasticity: the CUBA network of Brette et al. 2007 (4,000 lif_cuba neurons, p = 0.02,
/// about 320,000 synapses), 1,000 ms per invocation on one thread, with static synapses or with STDP on
/// the two excitatory projections (ee, ei: 256,000 plastic synapses). The ratio of the means is the
/// figure reported in RESULTS.md.
/// </summary>
public class PlasticityBenchmarks
{
    [Params(LearningRule.None, LearningRule.Stdp, LearningRule.Triplet)]
    public LearningRule Rule { get; set; }

    private Simulator _sim = null!;

    public static NetworkSpec Spec(LearningRule rule)
    {
        var p = new Dictionary<string, double>
        {
            ["tau_m"] = 20, ["E_L"] = -49, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 5, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 10,
        };
        var init = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) };
        var fp = new FixedProbabilityConnector(0.02);
        PlasticitySpec? plastic = rule switch
        {
            LearningRule.Stdp => new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = 0.01, ["A_minus"] = 0.0105, ["w_min"] = 0, ["w_max"] = 3.24 }, new Dictionary<string, string>()),
            LearningRule.Triplet => new PlasticitySpec("triplet_stdp", new Dictionary<string, double> { ["w_min"] = 0, ["w_max"] = 3.24 }, new Dictionary<string, string>()),
            _ => null,
        };
        return new NetworkSpec(
            new SimulationSpec(0.1, 1000, 1, 1),
            [new PopulationSpec("exc", "lif_cuba", 3200, p, init), new PopulationSpec("inh", "lif_cuba", 800, p, init)],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory) { Plasticity = plastic },
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory) { Plasticity = plastic },
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
                new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
            ],
            [],
            []);
    }

    [IterationSetup]
    public void Setup() => _sim = new Simulator(Network.Build(Spec(Rule)), 1);

    [Benchmark]
    public RunResult Run1000ms() => _sim.Run();
}
