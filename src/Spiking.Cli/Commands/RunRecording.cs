using System.Globalization;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>What <c>spiking run</c> records and prints about how a run was made and how its readouts scored.</summary>
internal static class RunRecording
{
    /// <summary>
    /// The options that shaped the run, as it used them: <paramref name="spec"/> holds the seed,
    /// duration, mode, scale and variant after the command line and the model file were combined.
    /// </summary>
    public static RunRecord Record(RunCommand.Options o, NetworkSpec spec, string backend, IReadOnlyDictionary<string, string> settings, bool fromTrainedModel) => new()
    {
        ModelFile = o.Model,
        FromTrainedModel = fromTrainedModel,
        Variant = spec.Variant,
        Seed = spec.Simulation.Seed,
        Duration = spec.Simulation.Duration,
        Mode = spec.Simulation.Mode == SimulationMode.Event ? "event" : "step",
        Scale = spec.Scale,
        Backend = backend,
        DeviceSums = backend == "cpu" ? null : settings.GetValueOrDefault("sums", "deterministic"),
        Threads = o.Threads ?? spec.Simulation.Threads,
    };

    /// <summary>
    /// One line per readout. A saved trained model's readouts are frozen: they are scored over the
    /// windows of the run that trained them, whose scores (kept in the saved file) are printed beside.
    /// </summary>
    public static void PrintReadouts(IReadOnlyList<ReadoutScore> scores, NetworkSpec spec, IReadOnlyDictionary<string, ReadoutScore>? original, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in scores)
        {
            bool frozen = spec.Readouts.FirstOrDefault(x => x.Name == r.Name)?.Frozen ?? false;
            if (!frozen)
            {
                stdout.WriteLine(string.Format(inv, "readout {0}: trained on {1:N0} steps, tested on {2:N0}: test RMSE {3:G4}, NRMSE {4:G4} (training NRMSE {5:G4})",
                    r.Name, r.TrainSteps, r.TestSteps, r.TestRmse, r.TestNrmse, r.TrainNrmse));
                continue;
            }
            stdout.WriteLine(string.Format(inv, "readout {0} (saved weights, scored over the original windows): test window {1:N0} steps: test RMSE {2:G4}, NRMSE {3:G4}; training window {4:N0} steps: NRMSE {5:G4}",
                r.Name, r.TestSteps, r.TestRmse, r.TestNrmse, r.TrainSteps, r.TrainNrmse));
            if (original is not null && original.TryGetValue(r.Name, out var o))
                stdout.WriteLine(string.Format(inv, "  the run that trained it: test window {0:N0} steps: test RMSE {1:G4}, NRMSE {2:G4}; training window {3:N0} steps: NRMSE {4:G4}",
                    o.TestSteps, o.TestRmse, o.TestNrmse, o.TrainSteps, o.TrainNrmse));
        }
    }
}
