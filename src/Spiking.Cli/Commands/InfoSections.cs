using System.Globalization;
using Spiking.IO.Hdf5;

namespace Spiking.Cli.Commands;

/// <summary>The parts of <c>spiking info</c> beyond the spike table: readout scores, a bgG-RNN run's training, the legend.</summary>
internal static class InfoSections
{
    /// <summary>What the synchrony column is, printed under the table.</summary>
    public const string SynchronyLegend =
        "synchrony: χ = √(Var_t of the population's mean spike count / mean over neurons of Var_t of each count), counts in {0:G} ms bins (Golomb 2007); about 1/√N for independent neurons, 1 for perfect synchrony";

    /// <summary>One line per readout with the scores the run stored (its <c>/readouts/NAME</c> attributes).</summary>
    public static void Readouts(Hdf5Results results, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = results.GroupsUnder("readouts");
        if (names.Count == 0) return;
        stdout.WriteLine();
        foreach (var name in names)
        {
            var a = results.AttributesOf("readouts/" + name)!;
            double D(string key) => a.GetValueOrDefault(key) switch { double d => d, long l => l, ulong u => u, _ => double.NaN };
            string steps = a.ContainsKey("train_steps") ? string.Format(inv, "; {0:N0} training, {1:N0} test steps", D("train_steps"), D("test_steps")) : "";
            bool frozen = a.GetValueOrDefault("frozen") is ulong f && f != 0;
            stdout.WriteLine(string.Format(inv, "readout {0} ({1}{2} of {3}): training window {4:G6}-{5:G6} ms, test RMSE {6:G4}, NRMSE {7:G4} (training NRMSE {8:G4}){9}",
                name, a.GetValueOrDefault("method") as string ?? "?", frozen ? ", saved weights" : "", a.GetValueOrDefault("population") as string ?? "?",
                D("washout"), D("train"), D("test_rmse"), D("test_nrmse"), D("train_nrmse"), steps));
        }
    }

    /// <summary>
    /// A bgG-RNN run has no simulated time: it learns from movie frames. Its extent is the sequences and
    /// frames it trained on and held out, and its result the last held-out scores.
    /// </summary>
    public static void BgRnn(Hdf5Results results, Action<string, string?> line)
    {
        var inv = CultureInfo.InvariantCulture;
        var a = results.AttributesOf("bgrnn");
        if (a is null) return;
        long L(string key) => a.GetValueOrDefault(key) switch { long l => l, ulong u => (long)u, _ => 0 };
        line("units", string.Format(inv, "{0:N0} units, {1:N0} pixels per frame", L("units"), L("pixels")));
        long frames = L("frames_per_sequence");
        double[]? seen = results.DatasetDoubles("bgrnn/checkpoints/sequences_seen");
        long sequences = seen is { Length: > 0 } ? (long)seen[^1] : 0;
        line("trained on", string.Format(inv, "{0:N0} sequences of {1:N0} frames ({2:N0} frames), {3:N0} sequences held out", sequences, frames, sequences * frames, L("held_out_sequences")));
        double[]? evidence = results.DatasetDoubles("bgrnn/checkpoints/log_evidence_per_frame");
        if (evidence is { Length: > 0 }) line("held-out", string.Format(inv, "log evidence {0:G6} nats per frame (last checkpoint)", evidence[^1]));
        if (a.GetValueOrDefault("fraction_selective") is double fs) line("selective", string.Format(inv, "{0:P1} of units direction-selective", fs));
    }
}
