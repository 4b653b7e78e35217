using System.Diagnostics;
using Spiking.Cli.Commands;
using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>
/// <c>spiking rerun</c>: an output records every option that shaped it (<c>/run</c>) beside the model
/// text, so that the file alone runs again to byte-identical spikes; a changed spike is reported
/// (exit 3) and the output being checked is never overwritten (exit 2).
/// </summary>
public sealed class RerunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-rerun-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Cuba_output_reruns_to_byte_identical_spikes()
    {
        string first = Out("cuba.h5");
        var run = RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "60 ms", "--seed", "7", "--threads", "2", "--out", first, "--quiet");
        Assert.True(run.Code == 0, run.Err);
        var record = RunRecord.Read(first)!;
        Assert.Equal(7UL, record.Seed);
        Assert.Equal(60.0, record.Duration);
        Assert.Equal(2, record.Threads);
        Assert.Equal(("step", "cpu", 1.0), (record.Mode, record.Backend, record.Scale));
        Assert.Null(record.Variant);
        Assert.Null(record.DeviceSums);

        var (code, output, err) = RunCli("rerun", first, "--out", Out("again.h5"));
        Assert.True(code == 0, err + output);
        Assert.Contains("exc: ", output);
        Assert.Contains("identical: every spike dataset", output);
        Assert.Equal(record, RunRecord.Read(Out("again.h5")));
    }

    [Fact]
    public void Variant_run_reruns_from_the_stored_text_even_after_the_model_file_changed()
    {
        // A copy of the microcircuit, run with --variant dc and --scale, then edited on disk: the
        // rerun must use the text and options the output stored, not today's file.
        string model = Out("microcircuit.toml");
        File.Copy(RepoPaths.Model("microcircuit.toml"), model);
        string first = Out("dc.h5");
        var run = RunCli("run", model, "--variant", "dc", "--scale", "0.02", "--duration", "40 ms", "--out", first, "--quiet");
        Assert.True(run.Code == 0, run.Err);
        using (var results = Hdf5Results.Open(first))
        {
            Assert.Equal("dc", results.GetString("variant"));
            Assert.Contains("variant = \"poisson\"", results.GetString("model")); // the text as read; the variant applied is recorded beside it
        }
        var record = RunRecord.Read(first)!;
        Assert.Equal(("dc", 0.02), (record.Variant, record.Scale));
        File.WriteAllText(model, "this is no longer a model file");

        var (code, output, err) = RunCli("rerun", first, "--out", Out("dc-again.h5"), "--quiet");
        Assert.True(code == 0, err + output);
        Assert.Contains("L4e: ", output);

        // The variant shaped the spikes: the default (poisson) variant's run differs from them.
        File.Copy(RepoPaths.Model("microcircuit.toml"), model, overwrite: true);
        Assert.Equal(0, RunCli("run", model, "--scale", "0.02", "--duration", "40 ms", "--out", Out("poisson.h5"), "--quiet").Code);
        Assert.False(SpikeComparison.Compare(first, Out("poisson.h5")).Identical);
    }

    [Fact]
    public void A_changed_spike_is_reported_with_exit_3()
    {
        string first = Out("cuba.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "30 ms", "--out", first, "--quiet").Code);
        // Change one timestamp by one ulp with libhdf5 (h5py), outside the writer.
        Python("import h5py, numpy as np, sys\n" +
               "with h5py.File(sys.argv[1], 'r+') as f:\n" +
               "    t = f['spikes/inh/timestamps']\n" +
               "    t[3] = np.nextafter(t[3], np.inf)\n", first);
        var (code, output, _) = RunCli("rerun", first, "--out", Out("again.h5"));
        Assert.Equal(ExitCodes.Differs, code);
        Assert.Contains("inh: timestamps differ first at element 3", output);
        Assert.Contains("exc: ", output);
        Assert.Contains("identical", output.Split('\n').First(l => l.Contains("exc: ")));
    }

    [Fact]
    public void Rerun_refuses_to_overwrite_the_output_it_checks()
    {
        string first = Out("cuba.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "20 ms", "--out", first, "--quiet").Code);
        byte[] before = File.ReadAllBytes(first);
        var (code, output, err) = RunCli("rerun", first, "--out", Path.Combine(_dir, ".", "cuba.h5"));
        Assert.Equal(2, code);
        Assert.Contains("never overwrites", err);
        Assert.Equal("", output);
        Assert.Equal(before, File.ReadAllBytes(first));
    }

    [Fact]
    public void Rerun_refuses_files_that_do_not_record_a_run()
    {
        Assert.Equal(2, RunCli("rerun", Out("missing.h5")).Code);
        string trained = Out("trained.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--out", Out("esn.h5"), "--save-trained", trained, "--quiet").Code);
        var (code, _, err) = RunCli("rerun", trained);
        Assert.Equal(2, code);
        Assert.Contains("saved trained model", err);

        // An output written before the options were recorded (no /run): refused, nothing written.
        string old = Out("old.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("cuba.toml"), "--duration", "10 ms", "--out", old, "--quiet").Code);
        Python("import h5py, sys\nwith h5py.File(sys.argv[1], 'r+') as f:\n    del f['run']\n", old);
        (code, _, err) = RunCli("rerun", old);
        Assert.Equal(2, code);
        Assert.Contains("does not record how it was run", err);
        Assert.False(File.Exists(Out("old.rerun.h5")));
    }

    [Fact]
    public void Output_of_a_saved_trained_model_reruns_from_that_model()
    {
        string trained = Out("trained.h5"), run = Out("run.h5");
        Assert.Equal(0, RunCli("run", RepoPaths.Model("lsm.toml"), "--duration", "300 ms", "--out", Out("lsm.h5"), "--save-trained", trained, "--quiet").Code);
        Assert.Equal(0, RunCli("run", trained, "--out", run, "--quiet").Code);
        var record = RunRecord.Read(run)!;
        Assert.True(record.FromTrainedModel);
        Assert.Equal(trained, record.ModelFile);
        var (code, output, err) = RunCli("rerun", run, "--quiet");
        Assert.True(code == 0, err + output);
        Assert.True(File.Exists(Out("run.rerun.h5")));
    }

    private static void Python(string script, string arg)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "python did not finish");
        Assert.True(p.ExitCode == 0, err);
    }
}
