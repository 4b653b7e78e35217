// The CUBA benchmark (Brette et al. 2007, benchmark 2) written with the C# description API instead
// of a model file, run for one second, written to HDF5 and summarised.
//   dotnet run --project examples/CubaFromCSharp -c Release
using Spiking.Analysis;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;
using Spiking.Models;
using Spiking.Runtime;

// Parameters with units, checked against lif_cuba's dimensions (a wrong unit is an error here).
var lif = ModelParameters.For("lif_cuba",
    ("tau_m", "20 ms"), ("E_L", "-49 mV"), ("V_th", "-50 mV"), ("V_reset", "-60 mV"), ("t_ref", "5 ms"),
    ("tau_syn_ex", "5 ms"), ("tau_syn_in", "10 ms"));
var start = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) };
var p = new FixedProbabilityConnector(0.02);
var spec = new NetworkSpec(
    new SimulationSpec(Dt: 0.1, Duration: 1000, Seed: 1),
    [new PopulationSpec("exc", "lif_cuba", 3200, lif, start), new PopulationSpec("inh", "lif_cuba", 800, lif, start)],
    [
        new ProjectionSpec("ee", "exc", "exc", "exc", p, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory),
        new ProjectionSpec("ei", "exc", "inh", "exc", p, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory),
        new ProjectionSpec("ie", "inh", "exc", "inh", p, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
        new ProjectionSpec("ii", "inh", "inh", "inh", p, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
    ],
    [],
    [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh")]);

var network = Network.Build(spec);          // validates (all errors at once) and builds
using ISimulation simulator = EngineCatalog.Create(network);   // the time-stepped CPU engine; EngineOptions pick another
var memory = new MemoryRecorder();
var result = simulator.Run(recorder: memory);

using (var file = new Hdf5Recorder("cuba-csharp.h5"))
using (var again = EngineCatalog.Create(Network.Build(spec)))
    again.Run(recorder: file);             // same seed: the file holds the same spikes

var times = memory.SpikeTimes[0].ToArray();
var ids = memory.SpikeIds[0].ToArray();
Console.WriteLine($"{network.NeuronCount} neurons, {network.SynapseCount} synapses, {result.WallSeconds:F3} s wall");
Console.WriteLine($"exc rate {SpikeStatistics.MeanRate(times, 3200, 100, 1000):F2} Hz, " +
                  $"CV ISI {SpikeStatistics.MeanCvIsi(times, ids, 3200, 100, 1000):F3}; wrote cuba-csharp.h5");
