using PureHDF;
using Spiking.Cli;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.IO.Hdf5;
using Spiking.IO.ModelFiles;
using Spiking.Tests.Core;

namespace Spiking.Tests.Hdf5;

/// <summary>A trained reservoir and readout saved to HDF5 and loaded again give the same predictions.</summary>
public sealed class TrainedModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-trained-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Saved_ESN_predicts_the_test_window_with_the_same_bits_after_loading()
    {
        var spec = ModelFileReader.Read(RepoPaths.Model("esn-mackey-glass.toml"));
        var first = new MemoryRecorder();
        string path = Path.Combine(_dir, "esn.h5");
        using (var sim = new Simulator(Network.Build(spec)))
        {
            sim.Run(recorder: first);
            TrainedModel.Save(path, sim);
        }
        Assert.True(TrainedModel.IsTrainedModel(path));
        var again = new MemoryRecorder();
        using (var loaded = TrainedModel.Load(path))
        {
            Assert.All(loaded.Network.Spec.Readouts, r => Assert.True(r.Frozen && r.Train == 1600 && r.Washout == 100));
            loaded.Run(recorder: again);
        }
        // From the end of training (1600 ms) on, the original readout was frozen at the saved weights.
        var a = first.ReadoutPredictions[0].Skip(1600).Select(BitConverter.DoubleToInt64Bits);
        var b = again.ReadoutPredictions[0].Skip(1600).Select(BitConverter.DoubleToInt64Bits);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Learned_weights_are_saved_and_restored_not_redrawn()
    {
        var spec = ModelFileReader.Read(RepoPaths.Model("esn-mackey-glass.toml"));
        string path = Path.Combine(_dir, "changed.h5");
        float[] changed;
        using (var sim = new Simulator(Network.Build(spec)))
        {
            var w = sim.Network.Projections[1].Synapses.Weight;
            for (int s = 0; s < w.Length; s++) w[s] *= 0.5f; // as a learning rule would
            changed = (float[])w.Clone();
            TrainedModel.Save(path, sim);
        }
        using var loaded = TrainedModel.Load(path);
        Assert.Equal(changed, loaded.Network.Projections[1].Synapses.Weight);
    }

    [Fact]
    public void Cli_saves_a_trained_model_and_runs_it_again()
    {
        string trained = Path.Combine(_dir, "trained.h5"), out1 = Path.Combine(_dir, "a.h5"), out2 = Path.Combine(_dir, "b.h5");
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(0, Program.Invoke(["run", RepoPaths.Model("esn-mackey-glass.toml"), "--out", out1, "--save-trained", trained, "--quiet"], o, e));
        Assert.True(File.Exists(trained));
        o = new StringWriter(); e = new StringWriter();
        Assert.Equal(0, Program.Invoke(["run", trained, "--out", out2, "--duration", "500 ms"], o, e));
        // 500 ms ends inside the original training window (100-1600 ms): 400 steps scored there, none in the test window.
        Assert.Contains("readout predict (saved weights, scored over the original windows): test window 0 steps", o.ToString());
        Assert.Contains("training window 400 steps", o.ToString());
        Assert.Contains("the run that trained it: test window 400 steps", o.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generative")]
    public void Saved_model_scores_its_test_window_exactly_as_the_run_that_trained_it(string? variant)
    {
        // The original's test window [train, end) ran on the saved weights, so the saved model run over
        // the same windows (teacher-forced until train, as the original) must score the same bits.
        string trained = Path.Combine(_dir, "t.h5"), first = Path.Combine(_dir, "a.h5"), again = Path.Combine(_dir, "b.h5");
        string[] v = variant is null ? [] : ["--variant", variant];
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(0, Program.Invoke(["run", RepoPaths.Model("esn-mackey-glass.toml"), .. v, "--out", first, "--save-trained", trained, "--quiet"], o, e));
        Assert.Equal(0, Program.Invoke(["run", trained, "--out", again], o, e));
        var saved = TrainedModel.ReadScores(trained)["predict"];
        double Attr(string file, string name)
        {
            using var f = H5File.OpenRead(file);
            return f.Group("readouts").Group("predict").Attribute(name).Read<double>();
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(Attr(first, "test_rmse")), BitConverter.DoubleToInt64Bits(saved.TestRmse));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Attr(first, "test_rmse")), BitConverter.DoubleToInt64Bits(Attr(again, "test_rmse")));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Attr(first, "test_nrmse")), BitConverter.DoubleToInt64Bits(Attr(again, "test_nrmse")));
        Assert.True(saved.TestSteps > 0);
        // The training window is scored with the final weights, as a ridge fit reports its own training error.
        Assert.Equal(Attr(first, "train_nrmse"), Attr(again, "train_nrmse"), 1e-6);
        Assert.Contains("the run that trained it: test window", o.ToString());
    }

    [Fact]
    public void Cli_rejects_a_results_file_as_a_model_and_a_variant_on_a_trained_model()
    {
        string trained = Path.Combine(_dir, "t.h5"), results = Path.Combine(_dir, "r.h5");
        var o = new StringWriter(); var e = new StringWriter();
        Assert.Equal(0, Program.Invoke(["run", RepoPaths.Model("esn-mackey-glass.toml"), "--out", results, "--save-trained", trained, "--quiet"], o, e));
        e = new StringWriter();
        Assert.Equal(2, Program.Invoke(["run", trained, "--variant", "generative", "--out", Path.Combine(_dir, "x.h5")], o, e));
        Assert.Contains("--variant generative cannot apply", e.ToString());
        Assert.False(File.Exists(Path.Combine(_dir, "x.h5")));
        e = new StringWriter();
        Assert.Equal(2, Program.Invoke(["run", results, "--out", Path.Combine(_dir, "y.h5")], o, e));
        Assert.Contains(results, e.ToString());
        Assert.False(File.Exists(Path.Combine(_dir, "y.h5")));
    }
}
