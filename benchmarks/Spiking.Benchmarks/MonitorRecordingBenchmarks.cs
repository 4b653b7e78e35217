using BenchmarkDotNet.Attributes;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Benchmarks;

/// <summary>Where the spike monitor's data goes in <see cref="MonitorRecordingBenchmarks"/>.</summary>
public enum RecorderKind
{
    /// <summary>A spike monitor but no recorder: the same run, nothing recorded (baseline to subtract).</summary>
    None,
    /// <summary>A new <see cref="MemoryRecorder"/> per run (lists grow as spikes arrive).</summary>
    Memory,
    /// <summary>A new <see cref="Hdf5Recorder"/> per run: spikes spooled to disk, then the whole file written (deflate 1) and renamed.</summary>
    Hdf5,
}

/// <summary>
/// Recording spikes: 10,000 lif_delta neurons fire in every step (10^6 spikes per 100-step run), all
/// recorded by one spike monitor. Reported per recorded spike, neuron update included; the
/// <see cref="RecorderKind.None"/> row is the run without a recorder.
/// </summary>
public class MonitorRecordingBenchmarks
{
    public const int N = 10_000;
    public const int Steps = 100;
    public const int SpikesPerInvoke = N * Steps;

    [Params(RecorderKind.None, RecorderKind.Memory, RecorderKind.Hdf5)]
    public RecorderKind Recorder { get; set; }

    private Simulator _simulator = null!;
    private string _folder = "";
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        var (population, drive) = Specs.FiringEveryStep("pop", N);
        var spec = Specs.Network([population], inputs: [drive], monitors: [new SpikeMonitorSpec("pop")]);
        _simulator = new Simulator(Network.Build(spec));
        _folder = Path.Combine(Path.GetTempPath(), $"spiking-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);
        _file = Path.Combine(_folder, "spikes.h5");
        long spikes = Record().SpikeCounts[0];
        Console.WriteLine(FormattableString.Invariant($"// {Recorder}: {spikes:N0} spikes per invocation (nominal {SpikesPerInvoke:N0})") +
            (Recorder == RecorderKind.Hdf5 ? FormattableString.Invariant($"; file {new FileInfo(_file).Length:N0} bytes ({new FileInfo(_file).Length / (double)spikes:F2} B/spike)") : ""));
        if (spikes != SpikesPerInvoke) throw new InvalidOperationException("the population did not fire in every step");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _simulator.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = SpikesPerInvoke)]
    public RunResult Record()
    {
        double duration = Specs.Duration(Steps);
        switch (Recorder)
        {
            case RecorderKind.Memory:
                return _simulator.Run(duration, new MemoryRecorder());
            case RecorderKind.Hdf5:
            {
                using var file = new Hdf5Recorder(_file);
                return _simulator.Run(duration, file);
            }
            default:
                return _simulator.Run(duration);
        }
    }
}
