using System.Globalization;
using PureHDF;
using Spiking.Motion;

namespace Spiking.IO.Hdf5;

/// <summary>A trained bgG-RNN as read back from its output file (for plots).</summary>
/// <param name="Model">W, R, b and the τs.</param>
/// <param name="PatchSize">Side of the square frame (pixels).</param>
/// <param name="Preferred">Preferred direction per unit.</param>
/// <param name="Dsi">DSI per unit.</param>
/// <param name="Active">Whether each unit counted as active in the DSI measurement.</param>
/// <param name="Directions">Number of directions measured.</param>
public sealed record BgRnnStored(BgRnnParameters Model, int PatchSize, int[] Preferred, double[] Dsi, bool[] Active, int Directions);

/// <summary>
/// Writes the output of a bgG-RNN run (<c>spiking run</c> on a <c>[bgrnn]</c> model file) to HDF5,
/// under a temporary name renamed when complete, like <see cref="Hdf5Recorder"/>:
/// <code>
/// /bgrnn/W                  [units, pixels]   row k = unit k's feature (pixels row-major in the patch)
/// /bgrnn/R                  [units, units]    R[j, k] from unit k at t−1 to unit j at t
/// /bgrnn/b                  [units]
/// /bgrnn/h, /bgrnn/x        [sequences × frames, units]   inferred on the held-out sequences
/// /bgrnn/checkpoints/{sequences_seen, log_evidence_per_frame, log_joint_per_frame, gate_log_prior_per_frame, active_per_frame, relative_residual}
/// /bgrnn/selectivity/{dsi, preferred_direction, active, response [units, directions]}
/// </code>
/// Attributes of /bgrnn: tau_x, tau_y, units, pixels, patch_size, frames_per_sequence,
/// held_out_sequences, learn_recurrent, fraction_selective, dsi_threshold, dsi_speed, and for a run
/// with the R = 0 baseline baseline_log_evidence_per_frame, baseline_gate_log_prior_per_frame,
/// baseline_fraction_selective. Root: software, version, kind = "bgrnn", seed, model, model_file,
/// wall_time_s, created. Log densities are in nats per frame (see <see cref="BgRnnLikelihood"/>).
/// </summary>
public static class BgRnnOutput
{
    /// <summary>The root attribute <c>kind</c> of a bgG-RNN output.</summary>
    public const string Kind = "bgrnn";

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> (temporary file, then rename).</summary>
    public static void Write(string path, BgRnnRunResult result, string version)
    {
        var m = result.Model;
        var spec = result.Spec;
        int n = m.Units, px = m.Pixels;
        var w = new double[n, px];
        Buffer.BlockCopy(m.W, 0, w, 0, m.W.Length * sizeof(double));
        var r = new double[n, n];
        Buffer.BlockCopy(m.R, 0, r, 0, m.R.Length * sizeof(double));
        int rows = result.Gates.Length / n;
        var h = new double[rows, n];
        var x = new double[rows, n];
        Buffer.BlockCopy(result.Gates, 0, h, 0, result.Gates.Length * sizeof(double));
        Buffer.BlockCopy(result.Amplitudes, 0, x, 0, result.Amplitudes.Length * sizeof(double));
        var cps = result.Checkpoints;
        var sel = result.Selectivity;
        var bgrnn = new H5Group
        {
            ["W"] = w,
            ["R"] = r,
            ["b"] = (double[])m.B.Clone(),
            ["h"] = h,
            ["x"] = x,
            ["checkpoints"] = new H5Group
            {
                ["sequences_seen"] = cps.Select(c => (long)c.SequencesSeen).ToArray(),
                ["log_evidence_per_frame"] = cps.Select(c => c.LogEvidencePerFrame).ToArray(),
                ["log_joint_per_frame"] = cps.Select(c => c.LogJointPerFrame).ToArray(),
                ["gate_log_prior_per_frame"] = cps.Select(c => c.GateLogPriorPerFrame).ToArray(),
                ["active_per_frame"] = cps.Select(c => c.ActivePerFrame).ToArray(),
                ["relative_residual"] = cps.Select(c => c.RelativeResidual).ToArray(),
                Attributes = new()
                {
                    ["units"] = "nats per frame",
                    ["description"] = "held-out scores; log_evidence = log p(y, h | past) with amplitudes integrated out (a lower bound on log p(y | past)), fully normalised",
                },
            },
            ["selectivity"] = new H5Group
            {
                ["dsi"] = (double[])sel.Dsi.Clone(),
                ["preferred_direction"] = sel.Preferred.Select(p => (long)p).ToArray(),
                ["active"] = sel.Active.Select(a => a ? (byte)1 : (byte)0).ToArray(),
                ["response"] = (double[,])sel.MeanResponse.Clone(),
                Attributes = new() { ["response"] = "mean gate h per unit and direction (drifting gratings)" },
            },
            Attributes = new()
            {
                ["tau_x"] = m.TauX,
                ["tau_y"] = m.TauY,
                ["units"] = (long)n,
                ["pixels"] = (long)px,
                ["patch_size"] = (long)spec.Stimuli.Size,
                ["frames_per_sequence"] = (long)spec.Stimuli.Frames,
                ["held_out_sequences"] = (long)spec.Training.HeldOutSequences,
                ["learn_recurrent"] = spec.Training.LearnRecurrent ? 1L : 0L,
                ["fraction_selective"] = sel.FractionSelective,
                ["dsi_threshold"] = spec.DsiThreshold,
                ["dsi_speed"] = spec.DsiSpeed,
                ["directions"] = (long)spec.Stimuli.Directions,
                ["training_data"] = spec.MovieFile is null ? "generated stimuli" : $"{spec.MovieFile}:{spec.MovieDataset}",
            },
        };
        if (result.Baseline is { } b)
        {
            bgrnn.Attributes["baseline_log_evidence_per_frame"] = b.LogEvidencePerFrame;
            bgrnn.Attributes["baseline_gate_log_prior_per_frame"] = b.GateLogPriorPerFrame;
        }
        if (result.BaselineSelectivity is { } bs) bgrnn.Attributes["baseline_fraction_selective"] = bs.FractionSelective;
        var file = new H5File
        {
            ["bgrnn"] = bgrnn,
            Attributes =
            {
                ["software"] = "spiking",
                ["version"] = version,
                ["kind"] = Kind,
                ["seed"] = spec.Training.Seed,
                ["model"] = spec.SourceText ?? "",
                ["model_file"] = spec.SourceName ?? "",
                ["wall_time_s"] = result.WallSeconds,
                ["created"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        };
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        try
        {
            file.Write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a bgG-RNN output.</summary>
    public static bool IsBgRnnOutput(string path)
    {
        try
        {
            using var file = H5File.OpenRead(path);
            return file.AttributeExists("kind") && file.Attribute("kind").Read<string>() == Kind;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Reads the model and its direction tuning back.</summary>
    /// <exception cref="InvalidDataException">The file is not a bgG-RNN output.</exception>
    public static BgRnnStored Read(string path)
    {
        using var file = H5File.OpenRead(path);
        if (!file.LinkExists("bgrnn")) throw new InvalidDataException($"{path}: no /bgrnn group (not the output of a bgG-RNN run)");
        var g = file.Group("bgrnn");
        var w = g.Dataset("W").Read<double[,]>();
        var r = g.Dataset("R").Read<double[,]>();
        var b = g.Dataset("b").Read<double[]>();
        int n = w.GetLength(0), px = w.GetLength(1);
        if (r.GetLength(0) != n || r.GetLength(1) != n || b.Length != n)
            throw new InvalidDataException($"{path}: /bgrnn/R is {r.GetLength(0)} x {r.GetLength(1)} and /bgrnn/b has {b.Length} values; expected {n} x {n} and {n} for {n} units");
        var model = new BgRnnParameters(px, n, g.Attribute("tau_x").Read<double>(), g.Attribute("tau_y").Read<double>());
        Buffer.BlockCopy(w, 0, model.W, 0, model.W.Length * sizeof(double));
        Buffer.BlockCopy(r, 0, model.R, 0, model.R.Length * sizeof(double));
        b.CopyTo(model.B, 0);
        var sel = g.Group("selectivity");
        return new BgRnnStored(model, (int)g.Attribute("patch_size").Read<long>(),
            Array.ConvertAll(sel.Dataset("preferred_direction").Read<long[]>(), v => (int)v),
            sel.Dataset("dsi").Read<double[]>(),
            Array.ConvertAll(sel.Dataset("active").Read<byte[]>(), v => v != 0),
            (int)g.Attribute("directions").Read<long>());
    }
}
