using Spiking.Description;

namespace Spiking.Tests.Plasticity;

/// <summary>One conductance-based LIF neuron driven by plastic Poisson inputs (Song, Miller &amp; Abbott 2000; Vogels et al. 2011).</summary>
internal static class PlasticNetworks
{
    /// <summary>Song et al. 2000 neuron: τm = 20 ms (C = 200 pF, g_L = 10 nS), V_rest −70, V_th −54, V_reset −60 mV, E_ex 0, E_in −70 mV, τ_ex = τ_in = 5 ms.</summary>
    public static Dictionary<string, double> SongNeuron() => new()
    {
        ["C_m"] = 200, ["g_L"] = 10, ["E_L"] = -70, ["V_th"] = -54, ["V_reset"] = -60, ["t_ref"] = 0,
        ["E_ex"] = 0, ["E_in"] = -70, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 5,
    };

    /// <summary>
    /// Song, Miller &amp; Abbott 2000: <paramref name="inputs"/> excitatory Poisson sources at <paramref name="rateHz"/>
    /// onto one neuron through additive STDP (A− / A+ = 1.05, τ± = 20 ms, weights in [0, g_max], starting at
    /// g_max), plus 200 inhibitory sources at 10 Hz of 0.5 nS (0.05 g_L) lumped into one Poisson input.
    /// </summary>
    public static NetworkSpec Song(int inputs, double rateHz, double gMax, double aPlusFraction, double duration, double dt, ulong seed = 1)
    {
        var stdp = new PlasticitySpec("stdp",
            new Dictionary<string, double>
            {
                ["tau_plus"] = 20, ["tau_minus"] = 20, ["A_plus"] = aPlusFraction * gMax, ["A_minus"] = 1.05 * aPlusFraction * gMax,
                ["w_min"] = 0, ["w_max"] = gMax,
            },
            new Dictionary<string, string> { ["pairing"] = "all", ["update"] = "additive" });
        return new NetworkSpec(
            new SimulationSpec(dt, duration, seed, 1),
            [
                new PopulationSpec("in", "poisson_source", inputs, new Dictionary<string, double> { ["rate"] = rateHz }, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("out", "lif_coba", 1, SongNeuron(), new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("syn", "in", "out", "exc", new AllToAllConnector(), new ConstantValue(gMax), new ConstantValue(0)) { Plasticity = stdp }],
            [new PoissonInputSpec("inhibition", "out", "inh", 10, 0.5, 200)],
            [new SpikeMonitorSpec("out")]);
    }

    /// <summary>
    /// Vogels et al. 2011: one neuron with fixed excitatory drive (<paramref name="excitatory"/> sources at 10 Hz
    /// of <paramref name="gEx"/> nS lumped into one Poisson input) and <paramref name="inhibitory"/> plastic
    /// inhibitory Poisson sources at 10 Hz under inhibitory STDP with target rate <paramref name="rho0"/>.
    /// </summary>
    public static NetworkSpec Vogels(int excitatory, double gEx, int inhibitory, double rho0, double eta, double duration, double dt, ulong seed = 1)
    {
        var rule = new PlasticitySpec("inhibitory_stdp",
            new Dictionary<string, double> { ["tau"] = 20, ["eta"] = eta, ["rho0"] = rho0, ["w_min"] = 0, ["w_max"] = 100 },
            new Dictionary<string, string>());
        var neuron = SongNeuron();
        neuron["E_in"] = -80; neuron["t_ref"] = 5; neuron["tau_syn_in"] = 10;
        return new NetworkSpec(
            new SimulationSpec(dt, duration, seed, 1),
            [
                new PopulationSpec("inh", "poisson_source", inhibitory, new Dictionary<string, double> { ["rate"] = 10 }, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("out", "lif_coba", 1, neuron, new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("syn", "inh", "out", "inh", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
            [new PoissonInputSpec("drive", "out", "exc", 10, gEx, excitatory)],
            [new SpikeMonitorSpec("out")]);
    }
}
