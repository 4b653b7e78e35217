using System.Diagnostics;
using System.Text.Json;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Hdf5;

/// <summary>
/// A readout's datasets, read by h5py (<c>readout_clock.py</c> beside this file): NaN where no
/// prediction exists (before the ridge fit), a <c>time</c> axis on the clock of <c>/state</c> (a row at
/// t is computed from the state /state stores at t), and units on every time-like value.
/// </summary>
public sealed class ReadoutOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-readout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Esn_readout_rows_are_nan_before_the_fit_and_read_the_state_stored_at_their_time()
    {
        // The shipped ESN with every reservoir unit's output (x) sampled each step.
        string model = Path.Combine(_dir, "esn.toml"), file = Path.Combine(_dir, "esn.h5");
        File.WriteAllText(model, File.ReadAllText(RepoPaths.Model("esn-mackey-glass.toml")).Replace("[variants.generative]",
            "[[monitors]]\nkind = \"state\"\npopulation = \"reservoir\"\nvariables = [\"x\"]\ninterval = \"1 ms\"\n\n[variants.generative]"));
        var run = RunCli("run", model, "--out", file, "--quiet");
        Assert.True(run.Code == 0, run.Err);

        string stdout = Python(Path.Combine(RepoPaths.Root, "tests", "Spiking.Tests", "Hdf5", "readout_clock.py"), file, "predict", "reservoir", "x");
        var json = JsonDocument.Parse(stdout).RootElement;

        // 2000 steps at dt 1 ms: /state samples the state before each step (t = 0 ... 1999 ms), the
        // readout the state after each step (t = 1 ... 2000 ms); 1999 times are in both.
        Assert.Equal(0.0, json.GetProperty("first_state_time").GetDouble());
        Assert.Equal(1.0, json.GetProperty("first_time").GetDouble());
        Assert.Equal(2000, json.GetProperty("rows").GetInt32());
        // The ridge fit happens at step 1600 (train = 1600 ms), whose row reads the state at 1601 ms;
        // the rows of steps 0 ... 1599 had no weights.
        Assert.Equal(1600, json.GetProperty("nan_rows").GetInt32());
        Assert.Equal(1601.0, json.GetProperty("first_prediction_time").GetDouble());
        Assert.Equal(399, json.GetProperty("matched").GetInt32()); // 1601 ... 1999 ms, the fitted rows /state also has
        Assert.True(json.GetProperty("max_abs_error").GetDouble() < 1e-12, stdout);
        foreach (var u in json.GetProperty("units").EnumerateObject())
            Assert.True(u.Value.GetString() == "ms", $"{u.Name}: {u.Value}");
    }

    private static string Python(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000) && p.ExitCode == 0, err.Result);
        return stdout;
    }
}
