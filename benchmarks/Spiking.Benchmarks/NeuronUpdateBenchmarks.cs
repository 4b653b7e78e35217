using BenchmarkDotNet.Attributes;
using Spiking.Cpu;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>
/// Neuron update per model: one population without synapses, stepped with <see cref="Simulator.Run"/>
/// on one thread. The reported time is per neuron-update (one neuron advanced by one step), the
/// simulator's per-step work (delay-ring pointers, chunk join) included. N = 4,000 keeps the state
/// in L1/L2 (one chunk); N = 100,000 streams it from L2/L3.
/// </summary>
public class NeuronUpdateBenchmarks
{
    /// <summary>Neuron-updates per invocation: N × steps.</summary>
    public const int UpdatesPerInvoke = 4_000_000;

    [Params("lif_cuba", "lif_coba", "lif_delta", "izhikevich")]
    public string Model { get; set; } = "lif_cuba";

    [Params(4_000, 100_000)]
    public int N { get; set; }

    [Params(Drive.Rest, Drive.Driven)]
    public Drive Drive { get; set; }

    private Simulator _simulator = null!;
    private double _duration;

    [GlobalSetup]
    public void Setup()
    {
        _simulator = new Simulator(Network.Build(Specs.SinglePopulation(Model, N, Drive)));
        _duration = Specs.Duration(UpdatesPerInvoke / N);
        Specs.WarmAndReport(_simulator, 500, $"{Model} N={N} {Drive}");
    }

    [GlobalCleanup]
    public void Cleanup() => _simulator.Dispose();

    /// <summary>UpdatesPerInvoke / N steps of the whole population.</summary>
    [Benchmark(OperationsPerInvoke = UpdatesPerInvoke)]
    public RunResult Update() => _simulator.Run(_duration);
}

/// <summary>
/// lif_cuba neuron update with the hand-vectorised loop off and on (<see cref="Models.VectorPath.Enabled"/>);
/// per neuron-update, as <see cref="NeuronUpdateBenchmarks"/>.
/// </summary>
public class VectorPathBenchmarks
{
    public const int UpdatesPerInvoke = NeuronUpdateBenchmarks.UpdatesPerInvoke;

    [Params(false, true)]
    public bool Vector { get; set; }

    [Params(4_000, 100_000)]
    public int N { get; set; }

    [Params(Drive.Rest, Drive.Driven)]
    public Drive Drive { get; set; }

    private Simulator _simulator = null!;
    private double _duration;
    private bool _saved;

    [GlobalSetup]
    public void Setup()
    {
        _saved = Models.VectorPath.Enabled;
        Models.VectorPath.Enabled = Vector;
        _simulator = new Simulator(Network.Build(Specs.SinglePopulation("lif_cuba", N, Drive)));
        _duration = Specs.Duration(UpdatesPerInvoke / N);
        Specs.WarmAndReport(_simulator, 500, $"lif_cuba N={N} {Drive} vector={Vector} (Vector<double>.Count = {System.Numerics.Vector<double>.Count}, accelerated: {System.Numerics.Vector.IsHardwareAccelerated})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _simulator.Dispose();
        Models.VectorPath.Enabled = _saved;
    }

    [Benchmark(OperationsPerInvoke = UpdatesPerInvoke)]
    public RunResult LifCubaUpdate() => _simulator.Run(_duration);
}
