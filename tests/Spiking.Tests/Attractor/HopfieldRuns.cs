using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Plasticity;

namespace Spiking.Tests.Attractor;

/// <summary>A Hopfield network as the tests build it: one population, all-to-all recurrent weights set by hopfield_storage.</summary>
internal sealed class HopfieldRun : IDisposable
{
    public HopfieldRun(int n, int patterns, double cueFlip, ulong seed = 1, int cue = 0, double patternSeed = 1,
        double bias = 0, double temperature = 0, bool asynchronous = true, string storage = "hebbian", double annealTo = 0, int annealSteps = 0)
    {
        var parameters = new Dictionary<string, double>
        {
            ["bias"] = bias, ["temperature"] = temperature, ["asynchronous"] = asynchronous ? 1 : 0, ["anneal_to"] = annealTo, ["anneal_steps"] = annealSteps,
        };
        var rule = new PlasticitySpec("hopfield_storage",
            new Dictionary<string, double> { ["patterns"] = patterns, ["pattern_seed"] = patternSeed, ["cue"] = cue, ["cue_flip"] = cueFlip },
            new Dictionary<string, string> { ["storage"] = storage });
        var spec = new NetworkSpec(new SimulationSpec(1, 1, Seed: seed, Threads: 1),
            [new PopulationSpec("h", "hopfield", n, parameters, new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("w", "h", "h", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(0), new ConstantValue(0)) { Plasticity = rule }],
            [], []);
        Network = Network.Build(spec, 1);
        Simulator = new Simulator(Network, 1);
        Bias = bias;
    }

    public Network Network { get; }
    public Simulator Simulator { get; }
    public double Bias { get; }

    public double[] State => Network.Population("h").Group.Variable("s");
    public double[] EnergyShares => Network.Population("h").Group.Variable("e");
    public sbyte[][] Patterns => ((HopfieldStorageRule.Runtime)Simulator.Plasticity("w")!).Patterns;

    /// <summary>One sweep (one step of the engine).</summary>
    public void Sweep() => Simulator.Run(1);

    /// <summary>E = −½ sᵀWs − b Σ s, from the synapse table (float weights, summed in double): independent of the units' own bookkeeping.</summary>
    public double Energy()
    {
        var t = Network.Projections[0].Synapses;
        var s = State;
        double quad = 0, lin = 0;
        for (int j = 0; j < s.Length; j++)
        {
            lin += s[j];
            for (long k = t.RowStart[j]; k < t.RowStart[j + 1]; k++) quad += t.Weight[k] * s[t.Target[k]] * s[j];
        }
        return -0.5 * quad - Bias * lin;
    }

    /// <summary>Sweeps until no unit changes (at most <paramref name="max"/>); returns the sweeps done.</summary>
    public int Converge(int max = 100)
    {
        for (int k = 1; k <= max; k++)
        {
            var before = State.ToArray();
            Sweep();
            if (before.AsSpan().SequenceEqual(State)) return k;
        }
        return max;
    }

    public double Overlap(int pattern) => HopfieldPatterns.Overlap(Patterns[pattern], State);

    public void Dispose() => Simulator.Dispose();
}
