using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// Networks for pairing protocols: N independent pairs (pre neuron k → post neuron k, one plastic
/// synapse each), every neuron forced to fire at prescribed times by spike-time inputs of 100 mV into
/// lif_delta neurons (threshold 20 mV), which stamps each spike exactly at its prescribed time. The
/// plastic synapse's own jump (|w| ≪ 1 mV) never makes a neuron fire.
/// </summary>
internal static class PairingNetworks
{
    public static NetworkSpec Pairs(double dt, double duration, IReadOnlyList<double[]> preTimes, IReadOnlyList<double[]> postTimes,
        PlasticitySpec rule, double w0 = 0, IReadOnlyList<MonitorSpec>? monitors = null)
    {
        int n = preTimes.Count;
        var lif = new Dictionary<string, double> { ["t_ref"] = 0.5 };
        static SpikeTimesInputSpec Drive(string name, string target, IReadOnlyList<double[]> times)
        {
            var neurons = new List<int>(); var t = new List<double>();
            for (int k = 0; k < times.Count; k++)
                foreach (var x in times[k]) { neurons.Add(k); t.Add(x); }
            return new SpikeTimesInputSpec(name, target, "exc", 100, neurons, t);
        }
        return new NetworkSpec(
            new SimulationSpec(dt, duration, 1, 1),
            [
                new PopulationSpec("pre", "lif_delta", n, lif, new Dictionary<string, ValueSpec>()),
                new PopulationSpec("post", "lif_delta", n, lif, new Dictionary<string, ValueSpec>()),
            ],
            [new ProjectionSpec("syn", "pre", "post", "exc", new OneToOneConnector(), new ConstantValue(w0), new ConstantValue(dt)) { Plasticity = rule }],
            [Drive("pre_drive", "pre", preTimes), Drive("post_drive", "post", postTimes)],
            monitors ?? [new SpikeMonitorSpec("pre"), new SpikeMonitorSpec("post")]);
    }

    /// <summary>Runs the spec and returns the final weights of projection "syn" (double) and the recorder.</summary>
    public static (double[] Weights, MemoryRecorder Recorder, Simulator Sim) Run(NetworkSpec spec)
    {
        var net = Network.Build(spec);
        var sim = new Simulator(net, 1);
        var rec = new MemoryRecorder();
        sim.Run(recorder: rec);
        return (sim.Plasticity("syn")!.Weights.ToArray(), rec, sim);
    }

    public static PlasticitySpec Rule(string rule, Dictionary<string, double>? p = null, Dictionary<string, string>? o = null)
        => new(rule, p ?? new Dictionary<string, double>(), o ?? new Dictionary<string, string>());
}
