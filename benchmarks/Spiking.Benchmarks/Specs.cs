using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>How a population is driven in the neuron-update benchmarks.</summary>
public enum Drive
{
    /// <summary>No input at all: every neuron sits at (or relaxes to) rest and never fires.</summary>
    Rest,
    /// <summary>
    /// A constant current that makes every neuron fire regularly at roughly 30–45 Hz, phases spread by a
    /// uniform initial v: refractory neurons and spikes make the vector loops fall back to scalar lanes.
    /// </summary>
    Driven,
}

/// <summary>Network descriptions shared by the benchmarks, built from the public description records only.</summary>
internal static class Specs
{
    /// <summary>Time step (ms) of every benchmark network.</summary>
    public const double Dt = 0.1;

    /// <summary>Seed of every benchmark network.</summary>
    public const ulong Seed = 1;

    public static readonly IReadOnlyDictionary<string, double> Defaults = new Dictionary<string, double>();
    public static readonly IReadOnlyDictionary<string, ValueSpec> NoInitial = new Dictionary<string, ValueSpec>();

    /// <summary>Simulated time (ms) of <paramref name="steps"/> steps.</summary>
    public static double Duration(int steps) => steps * Dt;

    /// <summary>
    /// A network on one thread (per-core figures; results never depend on threads), built and
    /// run through the public API.
    /// </summary>
    public static NetworkSpec Network(IReadOnlyList<PopulationSpec> populations, IReadOnlyList<ProjectionSpec>? projections = null,
        IReadOnlyList<InputSpec>? inputs = null, IReadOnlyList<MonitorSpec>? monitors = null)
        => new(new SimulationSpec(Dt, Duration: 100, Seed: Seed, Threads: 1), populations, projections ?? [], inputs ?? [], monitors ?? []);

    /// <summary>A constant current (nA) into every neuron of <paramref name="target"/> from t = 0.</summary>
    public static CurrentInputSpec Current(string name, string target, double nanoAmperes) => new(name, target, [0.0], [nanoAmperes]);

    /// <summary>
    /// A lif_delta population in which every neuron fires in every step: t_ref = 0 and 100 nA
    /// (v∞ = 10 V) take v from V_reset above V_th within one 0.1 ms step. The set of spikes of each step
    /// is known exactly (all <paramref name="size"/> neurons), and the update is the cheap vector loop.
    /// </summary>
    public static (PopulationSpec Population, CurrentInputSpec Drive) FiringEveryStep(string name, int size)
        => (new PopulationSpec(name, "lif_delta", size, new Dictionary<string, double> { ["t_ref"] = 0 }, NoInitial),
            Current(name + "_drive", name, 100));

    /// <summary>Current (nA) that drives one model to regular firing at roughly 30–45 Hz with default parameters.</summary>
    public static double DrivingCurrent(string model) => model switch
    {
        "lif_cuba" => 0.25,   // v∞ = -70 + 100·0.25 = -45 mV: 22 ms from -60 to -50, + 2 ms t_ref
        "lif_coba" => 0.15,   // v∞ = -60 + 1000·0.15/10 = -45 mV: 22 ms, + 5 ms t_ref
        "lif_delta" => 0.25,  // v∞ = 25 mV: 22 ms from 10 to 20, + 2 ms t_ref
        "izhikevich" => 10,   // regular spiking at I = 10
        _ => throw new ArgumentException($"unknown model '{model}'", nameof(model)),
    };

    /// <summary>Initial v spread between reset and threshold, so that driven neurons fire out of phase.</summary>
    public static ValueSpec SpreadV(string model) => model switch
    {
        "lif_cuba" or "lif_coba" => new UniformValue(-60, -50),
        "lif_delta" => new UniformValue(10, 20),
        "izhikevich" => new UniformValue(-70, -50),
        _ => throw new ArgumentException($"unknown model '{model}'", nameof(model)),
    };

    /// <summary>One population of <paramref name="model"/>, no synapses; driven by a current or not at all.</summary>
    public static NetworkSpec SinglePopulation(string model, int size, Drive drive)
    {
        if (drive == Drive.Rest)
            return Network([new PopulationSpec("pop", model, size, Defaults, NoInitial)]);
        var initial = new Dictionary<string, ValueSpec> { ["v"] = SpreadV(model) };
        return Network([new PopulationSpec("pop", model, size, Defaults, initial)], inputs: [Current("drive", "pop", DrivingCurrent(model))]);
    }

    /// <summary>Runs <paramref name="steps"/> steps once (warm-up, spreading phases) and prints the firing rate.</summary>
    public static void WarmAndReport(Simulator simulator, int steps, string what)
    {
        var result = simulator.Run(Duration(steps));
        long neurons = simulator.Network.NeuronCount;
        double rate = result.SpikeCounts.Sum() / (double)neurons / (steps * Dt * 1e-3);
        Console.WriteLine(FormattableString.Invariant(
            $"// {what}: {neurons:N0} neurons, {result.SpikeCounts.Sum():N0} spikes in {steps} warm-up steps ({rate:F1} Hz mean), {result.SynapticEvents:N0} synaptic events"));
    }
}
