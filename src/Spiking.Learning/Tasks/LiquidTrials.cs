using Spiking.Description;
using Spiking.Cpu;
using Spiking.Tasks;
using Spiking.Engine;

namespace Spiking.Learning.Tasks;

/// <summary>
/// Short trials of one network from different initial states, read out as a readout reads spiking
/// populations: each spike train filtered by an exponential of time constant τ (each spike adds 1,
/// the trace decays by e^(−dt/τ) per step, as <see cref="Description.ReadoutSpec.FilterTau"/>). Trial k
/// runs the spec with <see cref="SimulationSpec.Trial"/> = k: same synapses (drawn from the seed),
/// initial values and noise of its own.
/// </summary>
public static class LiquidTrials
{
    /// <summary>The spec with the spike times of spike_source population <paramref name="population"/> replaced.</summary>
    public static NetworkSpec WithSpikeTimes(NetworkSpec spec, string population, IReadOnlyList<IReadOnlyList<double>> trains)
    {
        if (!spec.Populations.Any(p => p.Name == population)) throw new ArgumentException($"no population named '{population}'", nameof(population));
        return spec with
        {
            Populations = spec.Populations.Select(p => p.Name == population ? p with { SpikeTimes = trains } : p).ToArray(),
        };
    }

    /// <summary>
    /// Runs trial <paramref name="trial"/> (≥ 1) of <paramref name="spec"/> up to the last of
    /// <paramref name="times"/> (ms, ascending) and returns, for each time, the filtered spike trains of
    /// <paramref name="populations"/> concatenated in the order given (the state after the step that
    /// ends at that time). Runs on one thread: trials are short and small.
    /// </summary>
    public static double[][] FilteredStates(NetworkSpec spec, uint trial, IReadOnlyList<double> times, double filterTau, IReadOnlyList<string> populations)
    {
        ArgumentOutOfRangeException.ThrowIfZero(trial);
        if (times.Count == 0) return [];
        var run = spec with { Simulation = spec.Simulation with { Trial = trial, Threads = 1 }, Monitors = [], Readouts = [] };
        var network = Network.Build(run, 1);
        var pops = populations.Select(network.Population).ToArray();
        int features = pops.Sum(p => p.Size);
        double dt = network.Dt, decay = Math.Exp(-dt / filterTau);
        var trace = new double[features];
        var steps = times.Select(t => Math.Max(1, (long)Math.Round(t / dt))).ToArray();
        for (int k = 1; k < steps.Length; k++)
            if (steps[k] < steps[k - 1]) throw new ArgumentException("sample times must be ascending", nameof(times));
        var states = new double[times.Count][];
        int next = 0;
        using var simulator = new Simulator(network, 1);
        simulator.AfterUpdate(n =>
        {
            for (int i = 0; i < trace.Length; i++) trace[i] *= decay;
            int offset = 0;
            foreach (var p in pops)
            {
                foreach (int i in p.LastSpikes) trace[offset + i] += 1;
                offset += p.Size;
            }
            while (next < steps.Length && steps[next] == n + 1) states[next++] = (double[])trace.Clone();
        });
        simulator.Run(steps[^1] * dt);
        return states;
    }
}
