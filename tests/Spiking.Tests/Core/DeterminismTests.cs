using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Tests.Core;

/// <summary>Same model and seed give the same spikes whatever the number of threads (DESIGN.md, "Determinism").</summary>
public class DeterminismTests
{
    /// <summary>
    /// A network that exercises every parallel path: populations larger than one update chunk,
    /// Poisson input, distributed delays (several ring slots), row- and column-wise connectors.
    /// </summary>
    private static NetworkSpec Mixed(int threads) => new(
        new SimulationSpec(0.1, 200, Seed: 12345, Threads: threads),
        [
            new PopulationSpec("a", "lif_cuba", 9000,
                new Dictionary<string, double> { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 },
                new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) }),
            new PopulationSpec("b", "lif_delta", 5000, new Dictionary<string, double>(), new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(0, 20) }),
        ],
        [
            new ProjectionSpec("aa", "a", "a", "exc", new FixedProbabilityConnector(0.005), new NormalValue(1.0, 0.3), new UniformValue(0.1, 3), SynapseSign.Excitatory),
            new ProjectionSpec("ab", "a", "b", "exc", new FixedInDegreeConnector(60), new ConstantValue(0.2), new ConstantValue(1.5)),
            new ProjectionSpec("ba", "b", "a", "inh", new FixedOutDegreeConnector(40), new ConstantValue(-0.2), new UniformValue(0.5, 2.0), SynapseSign.Inhibitory),
        ],
        [
            new PoissonInputSpec("pa", "a", "exc", Rate: 2500, Weight: 2.0),
            new PoissonInputSpec("pb", "b", "exc", Rate: 20, Weight: 0.1, Count: 1000),
        ],
        [new SpikeMonitorSpec("a"), new SpikeMonitorSpec("b")]);

    private static MemoryRecorder Run(int threads)
    {
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(Mixed(threads), threads), threads);
        Assert.Equal(threads, sim.Threads);
        sim.SplitThreshold = 500; // this network has fewer events per step than the default threshold
        sim.Run(recorder: rec);
        // The split propagation (rows divided between threads by target range) must have run.
        if (threads > 1) Assert.True(sim.SplitSteps > 100, $"{threads} threads: propagation split in {sim.SplitSteps} steps only");
        return rec;
    }

    [Fact]
    public void Spikes_are_bit_identical_with_one_two_and_three_threads()
    {
        var one = Run(1);
        Assert.True(one.SpikeTimes[0].Count > 1000 && one.SpikeTimes[1].Count > 1000,
            $"the test network must be active: {one.SpikeTimes[0].Count} and {one.SpikeTimes[1].Count} spikes");
        foreach (var threads in new[] { 2, 3 })
        {
            var other = Run(threads);
            for (int m = 0; m < 2; m++)
            {
                Assert.Equal(one.SpikeIds[m], other.SpikeIds[m]);
                // Compare the bits, not a tolerance.
                Assert.Equal(one.SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits), other.SpikeTimes[m].Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void Connectivity_is_identical_for_any_thread_count()
    {
        var a = Network.Build(Mixed(1), 1);
        var b = Network.Build(Mixed(2), 2);
        for (int k = 0; k < a.Projections.Count; k++)
        {
            var x = a.Projections[k].Synapses; var y = b.Projections[k].Synapses;
            Assert.Equal(x.RowStart, y.RowStart);
            Assert.Equal(x.Target, y.Target);
            Assert.Equal(x.Weight, y.Weight);
            Assert.Equal(x.Delay, y.Delay);
        }
    }

    [Fact]
    public void A_different_seed_gives_different_spikes()
    {
        var spec = Mixed(1);
        var rec1 = new MemoryRecorder();
        using (var s = new Simulator(Network.Build(spec))) s.Run(recorder: rec1);
        var rec2 = new MemoryRecorder();
        using (var s = new Simulator(Network.Build(spec with { Simulation = spec.Simulation with { Seed = 54321 } }))) s.Run(recorder: rec2);
        Assert.NotEqual(rec1.SpikeIds[0], rec2.SpikeIds[0]);
    }
}
