using Spiking.Cli;
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
            Assert.All(loaded.Network.Spec.Readouts, r => Assert.Equal(0, r.Train));
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
        Assert.Contains("readout predict: trained on 0 steps, tested on 500", o.ToString());
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
