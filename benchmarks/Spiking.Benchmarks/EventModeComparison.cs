using System.Diagnostics;
using Spiking.Cpu;
using System.Globalization;
using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;
using Spiking.Random;

namespace Spiking.Benchmarks;

/// <summary>
/// Event-driven against time-stepped on one 1,000-neuron lif_delta network (CUBA-like: 800 excitatory,
/// 200 inhibitory, p = 0.1, delay 1 ms): the convergence of step-mode spike times to the exact ones
/// as dt falls, and the wall time of both modes at 1, 10 and 50 Hz. Not BenchmarkDotNet: each case
/// is one whole run (hundreds of ms to seconds), repeated, median reported; both modes are measured
/// in the same process, one after the other, so their ratio is from one run.
/// <code>
/// dotnet run -c Release --project benchmarks/Spiking.Benchmarks -- event-convergence [duration_ms] ["1 Hz"|"10 Hz"|"50 Hz"] [grid|precise]
/// dotnet run -c Release --project benchmarks/Spiking.Benchmarks -- event-vs-step [duration_ms] [repeats]
/// dotnet run -c Release --project benchmarks/Spiking.Benchmarks -- precise-vs-grid [duration_ms] [repeats]
/// </code>
/// </summary>
internal static class EventModeComparison
{
    /// <summary>One drive level: a constant current (v∞ = R_m·I) plus external spike-time input on the 0.1 ms grid.</summary>
    public sealed record Level(string Name, double CurrentNa, double ExternalRateHz, double ExternalWeight);

    public static readonly Level[] Levels =
    [
        new("1 Hz", 0.13, 400, 0.5),
        new("10 Hz", 0.155, 400, 0.5),
        new("50 Hz", 0.27, 400, 0.5),
    ];

    /// <summary>
    /// The network. External input: each neuron receives a Poisson train of the given rate whose times
    /// are rounded to the 0.1 ms grid (drawn here once, from Philox stream (seed, input, neuron)), so
    /// that every dt used (0.1 … 0.001 ms) and the event kernel see exactly the same input times; the
    /// delay (1 ms) is a multiple of every dt.
    /// </summary>
    /// <remarks><paramref name="precise"/> sets precise_spike_times on both populations (step mode: timed input, exact crossings).</remarks>
    public static NetworkSpec Spec(Level level, double dt, SimulationMode mode, double duration, ulong seed = 1, bool precise = false)
    {
        var p = new Dictionary<string, double> { ["tau_m"] = 20, ["E_L"] = 0, ["V_th"] = 20, ["V_reset"] = 10, ["t_ref"] = 2, ["R_m"] = 100 };
        var init = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(0, 20) };
        var fp = new FixedProbabilityConnector(0.1);
        // SPIKING_COUPLING scales the recurrent weights (1 by default; 0 leaves the neurons uncoupled).
        double g = double.Parse(Environment.GetEnvironmentVariable("SPIKING_COUPLING") ?? "1", CultureInfo.InvariantCulture);
        var inputs = new List<InputSpec>();
        foreach (var (pop, size, index) in new[] { ("exc", 800, 0), ("inh", 200, 1) })
        {
            var neurons = new List<int>(); var times = new List<double>();
            double lambda = level.ExternalRateHz * 1e-3; // per ms
            for (int i = 0; i < size; i++)
            {
                var rng = new PhiloxStream(seed, StreamKind.ModelNoise, 1000 + index, (uint)i);
                double t = 0;
                while (true)
                {
                    t += -Math.Log(rng.NextDoubleNonZero()) / lambda;
                    if (t >= duration) break;
                    long k = Math.Max(1, (long)Math.Round(t / 0.1));
                    neurons.Add(i); times.Add(k / 10.0);
                }
            }
            if (level.ExternalRateHz > 0) inputs.Add(new SpikeTimesInputSpec("ext_" + pop, pop, "exc", level.ExternalWeight, neurons, times));
            if (level.CurrentNa != 0) inputs.Add(new CurrentInputSpec("dc_" + pop, pop, [0.0], [level.CurrentNa]));
        }
        return new NetworkSpec(new SimulationSpec(dt, duration, seed, Threads: 1) { Mode = mode },
            [
                new PopulationSpec("exc", "lif_delta", 800, p, init) { PreciseSpikeTimes = precise },
                new PopulationSpec("inh", "lif_delta", 200, p, init) { PreciseSpikeTimes = precise },
            ],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(0.2 * g), new ConstantValue(1.0), SynapseSign.Excitatory),
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(0.2 * g), new ConstantValue(1.0), SynapseSign.Excitatory),
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-1.0 * g), new ConstantValue(1.0), SynapseSign.Inhibitory),
                new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(-1.0 * g), new ConstantValue(1.0), SynapseSign.Inhibitory),
            ],
            inputs,
            [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh")]);
    }

    private static (MemoryRecorder Rec, RunResult Result) RunOnce(NetworkSpec spec)
    {
        var net = Network.Build(spec);
        var rec = new MemoryRecorder();
        if (spec.Simulation.Mode == SimulationMode.Event) return (rec, new EventSimulator(net).Run(recorder: rec));
        using var sim = new Simulator(net, threads: 1);
        return (rec, sim.Run(recorder: rec));
    }

    /// <summary>Spike trains per neuron (exc then inh), spikes before <paramref name="until"/>.</summary>
    private static List<double>[] Trains(MemoryRecorder rec, double until)
    {
        var trains = Enumerable.Range(0, 1000).Select(_ => new List<double>()).ToArray();
        for (int m = 0; m < 2; m++)
            for (int k = 0; k < rec.SpikeTimes[m].Count; k++)
                if (rec.SpikeTimes[m][k] < until) trains[rec.SpikeIds[m][k] + 800 * m].Add(rec.SpikeTimes[m][k]);
        return trains;
    }

    public static void Convergence(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        double duration = args.Length > 1 ? double.Parse(args[1], inv) : 200;
        // Default: the 50 Hz level, whose drive is above threshold (v∞ = 27 mV), so that spikes happen
        // between grid points; at the 1 and 10 Hz levels v∞ < V_th and spikes happen only at input
        // arrivals, which lie on the grid: there the stepped kernel is exact at every dt.
        var level = Levels.First(l => l.Name == (args.Length > 2 ? args[2] : "50 Hz"));
        bool precise = args.Length > 3 && args[3] == "precise";
        var exact = RunOnce(Spec(level, 0.1, SimulationMode.Event, duration)).Rec;
        Console.WriteLine($"# 1,000 lif_delta neurons, {level.Name} level (I = {level.CurrentNa} nA, external {level.ExternalRateHz} Hz x {level.ExternalWeight} mV on the 0.1 ms grid), delay 1 ms, {duration} ms");
        Console.WriteLine($"# event-driven reference: {exact.SpikeTimes[0].Count + exact.SpikeTimes[1].Count} spikes");
        Console.WriteLine($"# step mode: {(precise ? "precise_spike_times (timed input, exact crossings)" : "grid")}");
        Console.WriteLine("| dt (ms) | window (ms) | spikes (event) | spikes (step) | neurons whose spike count differs | mean abs error of matched spikes (ms) | max abs error (ms) | first divergence (ms) | first spike off by > 1e-9 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (double dt in new[] { 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001 })
        {
            var (step, res) = RunOnce(Spec(level, dt, SimulationMode.Step, duration, precise: precise));
            Console.WriteLine($"# dt {dt}: {res.Steps} steps in {res.WallSeconds:F3} s");
            foreach (double window in new[] { 50.0, duration })
            {
                var a = Trains(exact, window); var b = Trains(step, window);
                int differ = 0, na = 0, nb = 0, matched = 0;
                double sum = 0, max = 0, firstDivergence = double.PositiveInfinity, firstMismatch = double.PositiveInfinity;
                for (int i = 0; i < a.Length; i++)
                {
                    na += a[i].Count; nb += b[i].Count;
                    if (a[i].Count != b[i].Count) differ++;
                    int n = Math.Min(a[i].Count, b[i].Count);
                    for (int k = 0; k < n; k++)
                    {
                        double err = Math.Abs(a[i][k] - b[i][k]);
                        sum += err; matched++; max = Math.Max(max, err);
                        // a spike moved by more than 2 dt (or missing/extra) marks a divergence of the trajectories
                        if (err > 2 * dt + 1e-9) firstDivergence = Math.Min(firstDivergence, Math.Min(a[i][k], b[i][k]));
                        if (err > 1e-9) firstMismatch = Math.Min(firstMismatch, Math.Min(a[i][k], b[i][k]));
                    }
                    if (a[i].Count != b[i].Count)
                    {
                        double extra = n < a[i].Count ? a[i][n] : b[i][n];
                        firstDivergence = Math.Min(firstDivergence, extra);
                        firstMismatch = Math.Min(firstMismatch, extra);
                    }
                }
                Console.WriteLine(string.Format(inv, "| {0} | {1} | {2} | {3} | {4} | {5:E2} | {6:E2} | {7} | {8} |", dt, window, na, nb, differ,
                    matched > 0 ? sum / matched : 0, max, double.IsPositiveInfinity(firstDivergence) ? "none" : firstDivergence.ToString("F3", inv),
                    double.IsPositiveInfinity(firstMismatch) ? "none" : firstMismatch.ToString("F3", inv)));
            }
        }
    }

    public static void Timing(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        double duration = args.Length > 1 ? double.Parse(args[1], inv) : 1000;
        int repeats = args.Length > 2 ? int.Parse(args[2], inv) : 5;
        Console.WriteLine($"# 1,000 lif_delta neurons, p = 0.1 (about 100,000 synapses), delay 1 ms, {duration} ms simulated, 1 thread, median of {repeats} runs (build excluded)");
        Console.WriteLine("| level | rate (Hz) | external events/s | synaptic events | step dt 0.1 (s) | step dt 0.01 (s) | event (s) | step 0.1 / event | step 0.01 / event | global queue peak |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var level in Levels)
        {
            double Median(Func<double> f) { var x = Enumerable.Range(0, repeats).Select(_ => f()).Order().ToArray(); return x[x.Length / 2]; }
            var step01 = Network.Build(Spec(level, 0.1, SimulationMode.Step, duration));
            var step001 = Network.Build(Spec(level, 0.01, SimulationMode.Step, duration));
            var ev = Network.Build(Spec(level, 0.1, SimulationMode.Event, duration));
            RunResult? last = null; int peak = 0;
            double Step(Network template)
            {
                var net = Network.Build(template.Spec);
                using var sim = new Simulator(net, threads: 1);
                return sim.Run().WallSeconds;
            }
            double Event()
            {
                var sim = new EventSimulator(Network.Build(ev.Spec));
                last = sim.Run();
                peak = sim.PeakQueueLength;
                return last.WallSeconds;
            }
            for (int w = 0; w < 3; w++) { Step(step01); Step(step001); Event(); } // warm-up (tiered JIT)
            double s1 = Median(() => Step(step01)), s2 = Median(() => Step(step001)), e = Median(Event);
            double rate = last!.SpikeCounts.Sum() / (1000.0 * duration * 1e-3);
            Console.WriteLine(string.Format(inv, "| {0} | {1:F2} | {2:N0} | {3:N0} | {4:F3} | {5:F3} | {6:F3} | {7:F2} | {8:F2} | {9:N0} |",
                level.Name, rate, level.ExternalRateHz * 1000, last.SynapticEvents, s1, s2, e, s1 / e, s2 / e, peak));
        }
    }

    /// <summary>
    /// The cost of precise step mode against grid step mode (and event mode) on the same network, per
    /// level and dt: median of <c>repeats</c> whole runs, 1 thread, build excluded.
    /// </summary>
    public static void PreciseCost(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        double duration = args.Length > 1 ? double.Parse(args[1], inv) : 1000;
        int repeats = args.Length > 2 ? int.Parse(args[2], inv) : 5;
        Console.WriteLine($"# 1,000 lif_delta neurons, p = 0.1, delay 1 ms, {duration} ms simulated, 1 thread, median of {repeats} runs (build excluded)");
        Console.WriteLine("| level | rate (Hz) | dt (ms) | grid step (s) | precise step (s) | precise / grid | event (s) | precise / event |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var level in Levels)
        {
            double Median(Func<double> f) { var x = Enumerable.Range(0, repeats).Select(_ => f()).Order().ToArray(); return x[x.Length / 2]; }
            RunResult? last = null;
            double Step(NetworkSpec spec)
            {
                using var sim = new Simulator(Network.Build(spec), threads: 1);
                return sim.Run().WallSeconds;
            }
            double Event(NetworkSpec spec) { last = new EventSimulator(Network.Build(spec)).Run(); return last.WallSeconds; }
            var ev = Spec(level, 0.1, SimulationMode.Event, duration);
            for (int w = 0; w < 2; w++) Event(ev);
            double e = Median(() => Event(ev));
            double rate = last!.SpikeCounts.Sum() / (1000.0 * duration * 1e-3);
            foreach (double dt in new[] { 0.1, 0.01 })
            {
                var grid = Spec(level, dt, SimulationMode.Step, duration);
                var precise = Spec(level, dt, SimulationMode.Step, duration, precise: true);
                for (int w = 0; w < 2; w++) { Step(grid); Step(precise); } // warm-up (tiered JIT)
                double g = Median(() => Step(grid)), pr = Median(() => Step(precise));
                Console.WriteLine(string.Format(inv, "| {0} | {1:F2} | {2} | {3:F3} | {4:F3} | {5:F2} | {6:F3} | {7:F2} |", level.Name, rate, dt, g, pr, pr / g, e, pr / e));
            }
        }
    }
}
