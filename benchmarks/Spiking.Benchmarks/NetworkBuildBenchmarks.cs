using BenchmarkDotNet.Attributes;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>Delays of the projection in <see cref="NetworkBuildBenchmarks"/>.</summary>
public enum BuildDelay
{
    /// <summary>Constant 1 ms: no delay array (8 bytes per synapse).</summary>
    Constant,
    /// <summary>Uniform 0.1–2 ms: one ushort per synapse (10 bytes), one draw per synapse.</summary>
    PerSynapse,
}

/// <summary>
/// Connectivity generation: <see cref="Network.Build"/> of 100,000 lif_cuba neurons with a
/// fixed_probability projection onto themselves, p = 80 / N (8·10^6 synapses), on one thread.
/// Reported per synapse (nominal 8·10^6; the actual count is printed in the log and differs by
/// about 0.04%). "Allocated" (MemoryDiagnoser) is all memory allocated per synapse during the build,
/// temporaries included; "Table B/syn" is what the finished SynapseTable keeps per synapse
/// (target int32 + weight float32 + delay uint16 if per synapse + row offsets int64 per neuron).
/// </summary>
[MemoryDiagnoser]
public class NetworkBuildBenchmarks
{
    public const int N = 100_000;
    public const int SynapsesPerNeuron = 80;
    public const int NominalSynapses = N * SynapsesPerNeuron;

    [Params(BuildDelay.Constant, BuildDelay.PerSynapse)]
    public BuildDelay Delay { get; set; }

    private NetworkSpec _spec = null!;

    /// <summary>The benchmark's network description (also used by <see cref="SynapseTableBytesColumn"/>).</summary>
    public static NetworkSpec Spec(BuildDelay delay)
    {
        ValueSpec d = delay == BuildDelay.Constant ? new ConstantValue(1) : new UniformValue(0.1, 2.0);
        var projection = new ProjectionSpec("rec", "pop", "pop", "exc", new FixedProbabilityConnector((double)SynapsesPerNeuron / N),
            new ConstantValue(0.1), d, SynapseSign.Excitatory);
        return Specs.Network([new PopulationSpec("pop", "lif_cuba", N, Specs.Defaults, Specs.NoInitial)], [projection]);
    }

    /// <summary>Bytes the built synapse tables hold, and the synapse count.</summary>
    public static (long Bytes, long Synapses) TableBytes(Network network)
    {
        long bytes = 0;
        foreach (var p in network.Projections)
        {
            var t = p.Synapses;
            bytes += t.RowStart.LongLength * sizeof(long) + t.Target.LongLength * sizeof(int)
                     + t.Weight.LongLength * sizeof(float) + t.Delay.LongLength * sizeof(ushort);
        }
        return (bytes, network.SynapseCount);
    }

    [GlobalSetup]
    public void Setup()
    {
        _spec = Spec(Delay);
        var network = Network.Build(_spec);
        var (bytes, synapses) = TableBytes(network);
        Console.WriteLine(FormattableString.Invariant(
            $"// Delay={Delay}: {synapses:N0} synapses (nominal {NominalSynapses:N0}, actual/nominal {(double)synapses / NominalSynapses:F5}); table {bytes:N0} bytes = {(double)bytes / synapses:F3} B/synapse"));
    }

    [Benchmark(OperationsPerInvoke = NominalSynapses)]
    public Network Build() => Network.Build(_spec);
}
