using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace SequenceLearning;

/// <summary>
/// A recurrent excitatory–inhibitory network of lif_cuba neurons whose E→E synapses learn a sequence by pair
/// STDP (after Rao &amp; Sejnowski 2000): the excitatory population is split into K groups that are made to
/// fire one after another during training; the asymmetric window (pre before post strengthens) then grows the
/// synapses from group k to the groups that followed it and weakens those to the groups that preceded it.
/// At test a fresh network with the trained weights and no plasticity is cued with the first groups only, and
/// the order in which the other groups start firing is compared with the trained order (Spearman ρ).
/// </summary>
public static class SequenceNetwork
{
    /// <summary>Name of the plastic excitatory-to-excitatory projection.</summary>
    public const string Lateral = "ee";

    /// <summary>Time of the first presentation's (or the cue's) start (ms): lets the background settle first.</summary>
    public const double FirstOnset = 50;

    /// <summary>
    /// lif_cuba, τm = 20 ms, E_L = −70, V_th = −50, V_reset = −60 mV, t_ref = 3 ms, τ_ex = 5, τ_in = 10 ms
    /// (the CUBA benchmark's neuron, Brette et al. 2007, with a longer refractory period).
    /// </summary>
    public static Dictionary<string, double> Neuron() => new()
    {
        ["tau_m"] = 20,
        ["E_L"] = -70,
        ["V_th"] = -50,
        ["V_reset"] = -60,
        ["t_ref"] = 3,
        ["tau_syn_ex"] = 5,
        ["tau_syn_in"] = 10,
        ["R_m"] = 100,
    };

    /// <summary>
    /// The network with <paramref name="presentations"/> presentations of groups <c>0 … groups − 1</c> (each
    /// group a current pulse at its place in the sequence), plastic E→E when <paramref name="plastic"/>.
    /// Duration: the presentations plus one window.
    /// </summary>
    public static NetworkSpec Spec(SequenceProtocol p, int presentations, int groups, bool plastic, ulong seed)
    {
        var stdp = new PlasticitySpec("stdp",
            new Dictionary<string, double>
            {
                ["tau_plus"] = p.StdpTau,
                ["tau_minus"] = p.StdpTau,
                ["A_plus"] = p.APlusFraction * p.MaxWeight,
                ["A_minus"] = 1.05 * p.APlusFraction * p.MaxWeight,
                ["w_min"] = 0,
                ["w_max"] = p.MaxWeight,
                ["normalize_every"] = p.NormalizeEvery,
            },
            new Dictionary<string, string> { ["pairing"] = "all", ["update"] = "additive" });
        var start = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-70, -55) };
        var all = new AllToAllConnector();
        var delay = new ConstantValue(1);
        var pulses = new List<InputSpec>();
        for (int k = 0; k < groups; k++)
        {
            var times = new List<double>();
            var amplitudes = new List<double>();
            for (int r = 0; r < presentations; r++)
            {
                double onset = FirstOnset + r * p.Period + k * p.Spacing;
                times.AddRange([onset, onset + p.PulseLength]);
                amplitudes.AddRange([p.PulseAmplitude, 0]);
            }
            pulses.Add(new CurrentInputSpec($"group_{k}", "exc", times, amplitudes) { Neurons = Enumerable.Range(k * p.GroupSize, p.GroupSize).ToArray() });
        }
        return new NetworkSpec(
            new SimulationSpec(p.Dt, FirstOnset + (presentations - 1) * p.Period + p.Window, seed, 1),
            [
                new PopulationSpec("exc", "lif_cuba", p.Excitatory, Neuron(), start),
                new PopulationSpec("inh", "lif_cuba", p.Inhibitory, Neuron(), start),
            ],
            [
                new ProjectionSpec(Lateral, "exc", "exc", "exc", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(p.InitialWeight), new ConstantValue(p.LateralDelay), SynapseSign.Excitatory)
                { Plasticity = plastic ? stdp : null },
                new ProjectionSpec("ei", "exc", "inh", "exc", all, new ConstantValue(p.ExcitatoryToInhibitory), delay, SynapseSign.Excitatory),
                new ProjectionSpec("ie", "inh", "exc", "inh", all, new ConstantValue(p.InhibitoryToExcitatory), delay, SynapseSign.Inhibitory),
            ],
            [
                new PoissonInputSpec("background_exc", "exc", "exc", p.BackgroundRate, p.BackgroundWeight),
                new PoissonInputSpec("background_inh", "inh", "exc", p.BackgroundRate, p.BackgroundWeight),
                .. pulses,
            ],
            [new SpikeMonitorSpec("exc")]);
    }

    /// <summary>Trains the E→E weights with <see cref="SequenceProtocol.Repetitions"/> presentations; returns them in synapse-table order.</summary>
    public static float[] Train(SequenceProtocol p, ulong seed = 1)
    {
        using var sim = new Simulator(Network.Build(Spec(p, p.Repetitions, p.Groups, plastic: true, seed)), 1);
        sim.Run();
        return sim.Plasticity(Lateral)!.Weights.Select(w => (float)w).ToArray();
    }

    /// <summary>The E→E weights before training, in synapse-table order.</summary>
    public static float[] Initial(SequenceProtocol p)
    {
        var net = Network.Build(Spec(p, 1, p.Groups, plastic: false, 1), 1);
        return net.Projections.Single(x => x.Spec.Name == Lateral).Synapses.Weight.ToArray();
    }

    /// <summary>
    /// One cue trial: a fresh network with <paramref name="weights"/> on E→E and no plasticity, groups
    /// 0 … CuedGroups − 1 pulsed at the trained spacing, background noise from <paramref name="seed"/>.
    /// </summary>
    public static ReplayTrial Cue(SequenceProtocol p, float[] weights, ulong seed)
    {
        var spec = Spec(p, 1, p.CuedGroups, plastic: false, seed);
        using var sim = new Simulator(Network.Build(spec, 1, new Dictionary<string, float[]> { [Lateral] = weights }), 1);
        var rec = new MemoryRecorder();
        sim.Run(recorder: rec);
        var onsets = new double[p.Groups - p.CuedGroups];
        var counts = new int[p.Groups];
        Array.Fill(onsets, double.PositiveInfinity);
        var times = rec.SpikeTimes[0];
        var ids = rec.SpikeIds[0];
        for (int s = 0; s < times.Count; s++)
        {
            double t = times[s] - FirstOnset;
            if (t < 0 || t > p.Window) continue;
            int g = ids[s] / p.GroupSize;
            if (g < p.CuedGroups) continue;
            if (++counts[g] == p.OnsetSpikes) onsets[g - p.CuedGroups] = t;
        }
        return new ReplayTrial(onsets, RankOrder.Spearman(onsets));
    }

    /// <summary>Mean E→E weight from group a (row) to group b (column), over the synapses between them.</summary>
    public static double[,] GroupWeights(SequenceProtocol p, float[] weights)
    {
        var table = Network.Build(Spec(p, 1, p.Groups, plastic: false, 1), 1).Projections.Single(x => x.Spec.Name == Lateral).Synapses;
        var sum = new double[p.Groups, p.Groups];
        var count = new int[p.Groups, p.Groups];
        for (int pre = 0; pre < p.Excitatory; pre++)
            for (long s = table.RowStart[pre]; s < table.RowStart[pre + 1]; s++)
            {
                int a = pre / p.GroupSize, b = table.Target[s] / p.GroupSize;
                sum[a, b] += weights[s];
                count[a, b]++;
            }
        for (int a = 0; a < p.Groups; a++)
            for (int b = 0; b < p.Groups; b++)
                sum[a, b] /= Math.Max(1, count[a, b]);
        return sum;
    }
}
