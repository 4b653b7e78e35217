using BenchmarkDotNet.Attributes;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>Delays of the projection in <see cref="PropagationBenchmarks"/>.</summary>
public enum DelayKind
{
    /// <summary>No projection at all: the same populations stepped without synapses (baseline to subtract).</summary>
    None,
    /// <summary>Constant 0 ms: input for the next step (may be delivered straight into the synaptic state).</summary>
    Zero,
    /// <summary>Constant 1 ms (10 steps): one ring slot per spike, no delay array.</summary>
    Constant,
    /// <summary>Uniform 0.1–2 ms per synapse (1–20 steps): a ring slot looked up per synapse.</summary>
    PerSynapse,
}

/// <summary>
/// Spike propagation per synaptic event. 10,000 lif_delta sources fire in every step (t_ref = 0 and a
/// 100 nA current); a fixed_probability projection with p = 100 / PostN gives rows of about 100
/// synapses onto a lif_cuba population of PostN neurons (weights 0.001 mV, so the targets stay
/// subthreshold), about 10^6 events per step. Time per invocation is divided by the nominal
/// Sources × 100 × Steps events; the actual count (printed in the log) differs by about 0.1%.
/// The <see cref="DelayKind.None"/> row is the same run without synapses: what remains per
/// (nominal) event is neuron updates and step overhead, to subtract from the other rows.
/// </summary>
public class PropagationBenchmarks
{
    public const int Sources = 10_000;
    public const int RowLength = 100;
    public const int Steps = 10;
    public const int EventsPerInvoke = Sources * RowLength * Steps;

    [Params(4_000, 100_000)]
    public int PostN { get; set; }

    [Params(DelayKind.None, DelayKind.Zero, DelayKind.Constant, DelayKind.PerSynapse)]
    public DelayKind Delay { get; set; }

    private Simulator _simulator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (source, drive) = Specs.FiringEveryStep("src", Sources);
        var target = new PopulationSpec("post", "lif_cuba", PostN, Specs.Defaults, Specs.NoInitial);
        ValueSpec? delay = Delay switch
        {
            DelayKind.Zero => new ConstantValue(0),
            DelayKind.Constant => new ConstantValue(1),
            DelayKind.PerSynapse => new UniformValue(0.1, 2.0),
            _ => null,
        };
        ProjectionSpec[] projections = delay is null ? [] :
            [new ProjectionSpec("src_post", "src", "post", "exc", new FixedProbabilityConnector((double)RowLength / PostN), new ConstantValue(0.001), delay, SynapseSign.Excitatory)];
        var network = Network.Build(Specs.Network([source, target], projections, [drive]));
        _simulator = new Simulator(network);
        var check = _simulator.Run(Specs.Duration(Steps));
        long nominal = (long)EventsPerInvoke;
        Console.WriteLine(FormattableString.Invariant(
            $"// PostN={PostN} Delay={Delay}: {network.SynapseCount:N0} synapses; one invocation: {check.SpikeCounts[0]:N0} source spikes (expected {Sources * Steps:N0}), ") + FormattableString.Invariant(
            $"{check.SpikeCounts[1]:N0} target spikes, {check.SynapticEvents:N0} synaptic events (nominal {nominal:N0}, actual/nominal {(double)check.SynapticEvents / nominal:F4})"));
        if (check.SpikeCounts[0] != (long)Sources * Steps)
            throw new InvalidOperationException("the source population did not fire in every step");
    }

    [GlobalCleanup]
    public void Cleanup() => _simulator.Dispose();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public RunResult Propagate() => _simulator.Run(Specs.Duration(Steps));
}
