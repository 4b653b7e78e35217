using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Tests.Hdf5;

/// <summary>
/// A small network run twice with the same seed: once into an HDF5 file through
/// <see cref="Hdf5Recorder"/>, once into a <see cref="MemoryRecorder"/>. Shared by the HDF5 tests.
/// </summary>
public sealed class Hdf5TestRun : IDisposable
{
    public const string ModelText = "# test model\n[simulation]\ndt = \"0.1 ms\"\n# ünïcödé and a long line " + "xxxxxxxxxx";
    public const string Version = "9.8.7-test";
    public const int Threads = 1;

    public Hdf5TestRun()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spiking-hdf5-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "run.h5");
        Spec = BuildSpec(seed: 2024, duration: 200);

        Network = Network.Build(Spec, Threads);
        using (var rec = new Hdf5Recorder(Path, "cpu", "step", Threads, Version))
        using (var sim = new Simulator(Network, Threads))
            Result = sim.Run(recorder: rec);

        using var sim2 = new Simulator(Network.Build(Spec, Threads), Threads);
        sim2.Run(recorder: Memory);
    }

    /// <summary>Folder of this run's files (removed on dispose).</summary>
    public string Directory { get; }

    /// <summary>The HDF5 file written.</summary>
    public string Path { get; }

    public NetworkSpec Spec { get; }
    public Network Network { get; }
    public RunResult Result { get; }
    public MemoryRecorder Memory { get; } = new();

    /// <summary>Monitor indices, as positions in <see cref="NetworkSpec.Monitors"/>.</summary>
    public const int SpikesExc = 0, SpikesInh = 1, SpikesSilent = 2, SpikesPrecise = 3, StateExc = 4, StateInh = 5, RateExc = 6, RateInh = 7;

    public static readonly int[] StateExcNeurons = [0, 3, 7, 41];
    public static readonly int[] InhRecorded = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];

    /// <summary>
    /// Two lif_cuba populations with recurrent FixedProbability projections and Poisson drive, a
    /// silent population (no spikes: empty datasets), a population with precise spike times (times
    /// inside a step, so the engine's by-id order within a step is not time order), spike, state and
    /// rate monitors (one with a partly filled last bin).
    /// </summary>
    public static NetworkSpec BuildSpec(ulong seed, double duration)
    {
        var p = new Dictionary<string, double> { ["E_L"] = -60, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 2 };
        var init = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) };
        var none = new Dictionary<string, ValueSpec>();
        var fp = new FixedProbabilityConnector(0.1);
        return new NetworkSpec(
            new SimulationSpec(0.1, duration, seed, Threads),
            [
                new PopulationSpec("exc", "lif_cuba", 80, p, init),
                new PopulationSpec("inh", "lif_cuba", 20, p, init),
                new PopulationSpec("silent", "lif_cuba", 5, new Dictionary<string, double>(), none),
                new PopulationSpec("precise", "lif_cuba", 30, p, init) { PreciseSpikeTimes = true },
            ],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(0.5), new ConstantValue(1.0), SynapseSign.Excitatory),
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(0.5), new UniformValue(0.5, 2.0), SynapseSign.Excitatory),
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-2), new ConstantValue(1.0), SynapseSign.Inhibitory),
            ],
            [
                new PoissonInputSpec("drive_exc", "exc", "exc", Rate: 4500, Weight: 0.6),
                new PoissonInputSpec("drive_inh", "inh", "exc", Rate: 4000, Weight: 0.6),
                new PoissonInputSpec("drive_precise", "precise", "exc", Rate: 5000, Weight: 0.5),
            ],
            [
                new SpikeMonitorSpec("exc"),
                new SpikeMonitorSpec("inh") { Neurons = InhRecorded },
                new SpikeMonitorSpec("silent"),
                new SpikeMonitorSpec("precise"),
                new StateMonitorSpec("exc", ["v", "I_ex"], 0.5) { Neurons = StateExcNeurons },
                new StateMonitorSpec("inh", ["v"], 1.0),
                new RateMonitorSpec("exc", 5),
                new RateMonitorSpec("inh", 3),
            ])
        {
            SourceText = ModelText,
            SourceName = "models/test.toml",
        };
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
