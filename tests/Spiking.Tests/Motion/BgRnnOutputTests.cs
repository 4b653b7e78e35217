using System.Diagnostics;
using System.Text.Json;
using PureHDF;
using Spiking.Cli;
using Spiking.IO.Hdf5;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Motion;

/// <summary>
/// <c>spiking run</c> on a small [bgrnn] file: the HDF5 output as h5py 3.7 (/usr/bin/python3) reads it,
/// the PNGs of <c>spiking plot --features/--recurrent</c>, and training on a user's movie.
/// </summary>
public sealed class BgRnnOutputTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-bgrnn-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        [bgrnn]
        units = 12
        train_sequences = 40
        checkpoints = 2
        held_out_sequences = 3
        learning_rate_r = 0.5
        baseline = true

        [bgrnn.stimuli]
        size = 6
        frames = 5
        grating_period = 3.0

        [bgrnn.selectivity]
        sequences = 2
        """;

    private const string Script = """
        import json, sys
        import h5py
        with h5py.File(sys.argv[1], "r") as f:
            g = f["bgrnn"]
            out = {name: {"shape": list(d.shape), "dtype": str(d.dtype)} for name, d in g.items() if isinstance(d, h5py.Dataset)}
            out["checkpoints"] = {name: d[()].tolist() for name, d in g["checkpoints"].items()}
            out["selectivity"] = {name: list(d.shape) for name, d in g["selectivity"].items()}
            out["attrs"] = {k: (v.item() if hasattr(v, "item") else (v.decode() if isinstance(v, bytes) else v)) for k, v in g.attrs.items()}
            out["kind"] = f.attrs["kind"] if isinstance(f.attrs["kind"], str) else f.attrs["kind"].decode()
            out["b"] = g["b"][()].tolist()
            out["R01"] = float(g["R"][0, 1])
            out["W10"] = float(g["W"][1, 0])
        print(json.dumps(out))
        """;

    private JsonElement H5py(string file)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install Debian's python3-h5py (tests/run.sh does)");
        string script = Path.Combine(_dir, "read.py");
        File.WriteAllText(script, Script);
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "h5py did not finish within 60 s");
        Assert.True(p.ExitCode == 0, $"h5py failed on {file}: {err.Result}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Fact]
    public void Run_writes_the_model_scores_and_states_that_h5py_reads_and_plot_draws_them()
    {
        var model = Path.Combine(_dir, "small.toml");
        File.WriteAllText(model, Small);
        var output = Path.Combine(_dir, "motion.h5");
        var (code, stdout, stderr) = RunCli("run", model, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("held-out log p(y, h | past)", stdout);
        Assert.False(File.Exists(output + ".tmp"));

        var json = H5py(output);
        Assert.Equal("bgrnn", json.GetProperty("kind").GetString());
        Assert.Equal("[12,36]", json.GetProperty("W").GetProperty("shape").GetRawText().Replace(" ", ""));
        Assert.Equal("[12,12]", json.GetProperty("R").GetProperty("shape").GetRawText().Replace(" ", ""));
        Assert.Equal(12, json.GetProperty("b").GetArrayLength());
        Assert.Equal("[15,12]", json.GetProperty("h").GetProperty("shape").GetRawText().Replace(" ", "")); // 3 sequences x 5 frames
        Assert.Equal("[15,12]", json.GetProperty("x").GetProperty("shape").GetRawText().Replace(" ", ""));
        Assert.Equal("float64", json.GetProperty("W").GetProperty("dtype").GetString());
        var cps = json.GetProperty("checkpoints");
        Assert.Equal("[0,20,40]", cps.GetProperty("sequences_seen").GetRawText().Replace(" ", ""));
        Assert.Equal(3, cps.GetProperty("log_evidence_per_frame").GetArrayLength());
        Assert.Equal("[12,8]", json.GetProperty("selectivity").GetProperty("response").GetRawText().Replace(" ", ""));
        var attrs = json.GetProperty("attrs");
        Assert.Equal(3.0, attrs.GetProperty("tau_x").GetDouble());
        Assert.Equal(0.3, attrs.GetProperty("tau_y").GetDouble());
        Assert.Equal(6, attrs.GetProperty("patch_size").GetInt64());
        Assert.True(attrs.TryGetProperty("baseline_log_evidence_per_frame", out _));

        // The values are the model's: read back with PureHDF, compare with what h5py saw.
        var stored = BgRnnOutput.Read(output);
        Assert.Equal(stored.Model.R[0 * 12 + 1], json.GetProperty("R01").GetDouble());
        Assert.Equal(stored.Model.W[1 * 36 + 0], json.GetProperty("W10").GetDouble());
        Assert.Equal(stored.Model.B, json.GetProperty("b").EnumerateArray().Select(v => v.GetDouble()).ToArray());

        foreach (var option in new[] { "--features", "--recurrent", "--learning" })
        {
            var png = Path.Combine(_dir, option.TrimStart('-') + ".png");
            var (pc, _, perr) = RunCli("plot", output, option, png);
            Assert.True(pc == 0, perr);
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        // A spike file is not a bgG-RNN output.
        var (bad, _, badErr) = RunCli("plot", model, "--features", Path.Combine(_dir, "no.png"));
        Assert.Equal(2, bad);
        Assert.Contains("bgG-RNN", badErr);
    }

    [Fact]
    public void A_movie_trains_the_model_and_a_wrong_one_is_named_with_its_shape()
    {
        var movie = new float[30, 10, 12];
        var noise = MotionTestData.Normal(movie.Length, 91);
        int i = 0;
        for (int t = 0; t < 30; t++)
            for (int r = 0; r < 10; r++)
                for (int c = 0; c < 12; c++) movie[t, r, c] = (float)(Math.Sin(0.7 * (c - t)) + 0.1 * noise[i++]);
        new H5File { ["clip"] = movie }.Write(Path.Combine(_dir, "movie.h5"));
        new H5File { ["clip"] = new float[30, 10] }.Write(Path.Combine(_dir, "flat.h5"));

        var loaded = Hdf5Movie.Read(Path.Combine(_dir, "movie.h5"), "/clip");
        Assert.Equal((30, 10, 12), (loaded.Frames, loaded.Height, loaded.Width));
        Assert.Equal(movie[7, 3, 5], loaded[7, 3, 5]);

        string Model(string file) => Small + $"\n[bgrnn.movie]\nfile = \"{file}\"\ndataset = \"/clip\"\n";
        File.WriteAllText(Path.Combine(_dir, "movie.toml"), Model("movie.h5")); // relative to the model file
        var (code, stdout, stderr) = RunCli("run", Path.Combine(_dir, "movie.toml"), "--out", Path.Combine(_dir, "m.h5"));
        Assert.True(code == 0, stderr);
        Assert.Contains("movie.h5", stdout);

        File.WriteAllText(Path.Combine(_dir, "flat.toml"), Model("flat.h5"));
        (code, _, stderr) = RunCli("run", Path.Combine(_dir, "flat.toml"), "--out", Path.Combine(_dir, "f.h5"));
        Assert.Equal(2, code);
        Assert.Contains("flat.h5", stderr);
        Assert.Contains("'/clip' has shape [30, 10]", stderr);
        Assert.Contains("[T, H, W]", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "f.h5")));

        File.WriteAllText(Path.Combine(_dir, "nodata.toml"), Model("movie.h5").Replace("/clip", "/film"));
        (code, _, stderr) = RunCli("run", Path.Combine(_dir, "nodata.toml"), "--out", Path.Combine(_dir, "n.h5"));
        Assert.Equal(2, code);
        Assert.Contains("no dataset '/film'", stderr);
    }
}
