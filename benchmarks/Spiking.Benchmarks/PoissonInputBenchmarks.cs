using BenchmarkDotNet.Attributes;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>
/// Poisson input: one draw per neuron per step from the neuron's own Philox stream. 100,000 lif_cuba
/// neurons receive `count` sources of 1000 Hz (λ = count × 1000 Hz × 0.1 ms per step: count 1, 20,
/// 500 give λ = 0.1, 2, 50; λ below 30 is drawn by inversion, above by PTRS rejection). Weights are
/// 1e-6 mV so the neurons stay subthreshold. Reported per neuron-step, the neuron update included;
/// λ = 0 is the same population with no input (baseline to subtract).
/// </summary>
public class PoissonInputBenchmarks
{
    public const int N = 100_000;
    public const int Steps = 20;
    public const int NeuronStepsPerInvoke = N * Steps;
    public const double SourceRateHz = 1000;

    [Params(0.0, 0.1, 2.0, 50.0)]
    public double Lambda { get; set; }

    private Simulator _simulator = null!;

    [GlobalSetup]
    public void Setup()
    {
        int count = (int)Math.Round(Lambda / (SourceRateHz * Specs.Dt * 1e-3));
        InputSpec[] inputs = count == 0 ? [] : [new PoissonInputSpec("noise", "pop", "exc", SourceRateHz, 1e-6, count)];
        var spec = Specs.Network([new PopulationSpec("pop", "lif_cuba", N, Specs.Defaults, Specs.NoInitial)], inputs: inputs);
        _simulator = new Simulator(Network.Build(spec));
        Console.WriteLine(FormattableString.Invariant($"// λ per step = {count} × {SourceRateHz} Hz × {Specs.Dt} ms = {count * SourceRateHz * Specs.Dt * 1e-3}"));
        Specs.WarmAndReport(_simulator, Steps, $"poisson λ={Lambda}");
    }

    [GlobalCleanup]
    public void Cleanup() => _simulator.Dispose();

    [Benchmark(OperationsPerInvoke = NeuronStepsPerInvoke)]
    public RunResult PoissonStep() => _simulator.Run(Specs.Duration(Steps));
}
