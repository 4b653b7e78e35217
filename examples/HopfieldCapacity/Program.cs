// The retrieval curve m(α) of a Hopfield network with Hebbian storage (Amit, Gutfreund & Sompolinsky
// 1985: retrieval states exist up to α_c ≈ 0.138), and the speed of asynchronous updates on a dense
// network, both on the kernel's hopfield units and hopfield_storage rule.
//
//   dotnet run --project examples/HopfieldCapacity -c Release -- curve [N=2000] [trials=5]
//   dotnet run --project examples/HopfieldCapacity -c Release -- speed [N=10000] [sweeps=5]
//
// curve: for α = 0.02 ... 0.24, P = αN patterns, start from pattern t (trial t) with 10 % of its units
// flipped, sweep until no unit changes (at most 200 sweeps) and print the final overlap m with that
// pattern (mean and range over the trials). speed: N units, P = 0.05 N, from a cue with 25 % flipped;
// prints single-unit updates per second over the sweeps (each sweep is N updates plus the engine's
// propagation of W·s), beside the build time. benchmarks/compare/hopfield_numpy.py is the peer.
using Spiking.Cpu;
using System.Diagnostics;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Plasticity;

string mode = args.Length > 0 ? args[0] : "curve";
if (mode == "curve")
{
    int n = args.Length > 1 ? int.Parse(args[1]) : 2000;
    int trials = args.Length > 2 ? int.Parse(args[2]) : 5;
    Console.WriteLine($"# N = {n}, {trials} trials per load, cue: 10 % flipped");
    Console.WriteLine("alpha\tP\tm_mean\tm_min\tm_max\tsweeps_mean");
    for (int step = 1; step <= 12; step++)
    {
        double alpha = 0.02 * step;
        int p = (int)Math.Round(alpha * n);
        var m = new List<double>();
        var sweeps = new List<int>();
        for (int t = 0; t < trials; t++)
        {
            var (network, sim) = Build(n, p, 0.1, cue: t, seed: (ulong)(100 + t));
            using (sim)
            {
                sweeps.Add(Converge(network, sim, 200));
                m.Add(Overlap(network, sim, t));
            }
        }
        Console.WriteLine($"{alpha:F2}\t{p}\t{m.Average():F4}\t{m.Min():F4}\t{m.Max():F4}\t{sweeps.Average():F1}");
    }
}
else if (mode == "speed")
{
    int n = args.Length > 1 ? int.Parse(args[1]) : 10_000;
    int count = args.Length > 2 ? int.Parse(args[2]) : 5;
    var clock = Stopwatch.StartNew();
    var (network, sim) = Build(n, (int)(0.05 * n), 0.25, cue: 0, seed: 1);
    double build = clock.Elapsed.TotalSeconds;
    using (sim)
    {
        sim.Run(1); // the first sweep: JIT and the column copy's first use
        clock.Restart();
        sim.Run(count);
        double run = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"N = {n}: build {build:F1} s (synapses {network.SynapseCount:N0}); {count} sweeps in {run:F3} s = {count * (double)n / run:E3} updates/s; m = {Overlap(network, sim, 0):F4}");
    }
}
else
{
    Console.Error.WriteLine("usage: HopfieldCapacity curve [N] [trials] | speed [N] [sweeps]");
    return 2;
}
return 0;

static (Network, Simulator) Build(int n, int patterns, double flip, int cue, ulong seed)
{
    var rule = new PlasticitySpec("hopfield_storage",
        new Dictionary<string, double> { ["patterns"] = patterns, ["pattern_seed"] = seed, ["cue"] = cue, ["cue_flip"] = flip },
        new Dictionary<string, string>());
    var spec = new NetworkSpec(new SimulationSpec(1, 1, Seed: seed, Threads: 1),
        [new PopulationSpec("memory", "hopfield", n, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
        [new ProjectionSpec("storage", "memory", "memory", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
        [], []);
    var network = Network.Build(spec, 1);
    return (network, new Simulator(network, 1));
}

static int Converge(Network network, Simulator sim, int max)
{
    var s = network.Population("memory").Group.Variable("s");
    for (int k = 1; k <= max; k++)
    {
        var before = s.ToArray();
        sim.Run(1);
        if (before.AsSpan().SequenceEqual(s)) return k;
    }
    return max;
}

static double Overlap(Network network, Simulator sim, int pattern)
    => HopfieldPatterns.Overlap(((HopfieldStorageRule.Runtime)sim.Plasticity("storage")!).Patterns[pattern], network.Population("memory").Group.Variable("s"));
