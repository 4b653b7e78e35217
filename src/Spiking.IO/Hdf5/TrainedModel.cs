using PureHDF;
using Spiking.Cpu;
using PureHDF.VOL.Native;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Spiking.Readouts;

namespace Spiking.IO.Hdf5;

/// <summary>
/// A trained network saved to HDF5 and loaded again: the model file's text (with the variant, seed and
/// duration it ran with), every projection's synapses and current weights
/// (<c>/projections/NAME/{pre,post,w}</c>: learned or scaled weights included), and every readout's
/// weights (<c>/readouts/NAME/weights</c>, [output, 0] the bias). Loading rebuilds the network from the
/// text (the same seed draws the same synapses, which are checked against the saved ones), puts the
/// saved weights in, and freezes the readouts at their saved weights: they predict from the first step.
/// The same file serves reservoirs (ESN, LSM) and FORCE networks.
/// </summary>
public static partial class TrainedModel
{
    /// <summary>The <c>kind</c> attribute of a saved trained model.</summary>
    public const string Kind = "trained_model";

    /// <summary>Saves the network and readouts of <paramref name="simulator"/> (its spec must come from a model file).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="simulator">The simulator after its run.</param>
    /// <param name="variant">The variant the model ran with; null saves the spec's (<see cref="NetworkSpec.Variant"/>).</param>
    /// <param name="scores">The run's readout scores, stored so that a later run of the saved model can print them beside its own.</param>
    public static void Save(string path, Simulator simulator, string? variant = null, IReadOnlyList<ReadoutScore>? scores = null)
        => Save(path, simulator.Network, simulator.Readouts, variant, scores);

    /// <summary>
    /// Saves <paramref name="network"/>'s weights and the <paramref name="readouts"/> (the spec's, in
    /// order) of a simulator of any backend that ran it (the device backend writes its weights back into
    /// the network after each run); the spec must come from a model file. Each readout's group keeps its
    /// windows (<c>washout</c>, <c>train</c>, ms) and, when <paramref name="scores"/> are given, the run's
    /// scores (<c>test_rmse</c>, <c>test_nrmse</c>, <c>train_nrmse</c>, <c>train_steps</c>, <c>test_steps</c>).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="network">The network after its run.</param>
    /// <param name="readouts">The trained readouts, in the spec's order.</param>
    /// <param name="variant">The variant the model ran with; null saves the spec's (<see cref="NetworkSpec.Variant"/>).</param>
    /// <param name="scores">The run's readout scores (<see cref="RunResult.Readouts"/>), or null.</param>
    public static void Save(string path, Network network, IReadOnlyList<LinearReadout> readouts, string? variant = null, IReadOnlyList<ReadoutScore>? scores = null)
    {
        var spec = network.Spec;
        if (readouts.Count != spec.Readouts.Count)
            throw new ArgumentException($"{readouts.Count} readouts given for the spec's {spec.Readouts.Count}", nameof(readouts));
        if (spec.SourceText is null)
            throw new InvalidOperationException("only networks read from a model file can be saved as a trained model (the file's text is what rebuilds them)");
        var file = new H5File
        {
            Attributes =
            {
                ["software"] = "spiking",
                ["kind"] = Kind,
                ["model"] = spec.SourceText,
                ["model_file"] = spec.SourceName ?? "",
                ["variant"] = variant ?? spec.Variant ?? "",
                ["seed"] = spec.Simulation.Seed,
                ["duration"] = spec.Simulation.Duration,
                ["dt"] = spec.Simulation.Dt,
            },
        };
        var projections = new H5Group();
        foreach (var proj in network.Projections)
        {
            var table = proj.Synapses;
            var pre = new uint[table.Count];
            for (int i = 0; i < proj.Pre.Size; i++)
                for (long s = table.RowStart[i]; s < table.RowStart[i + 1]; s++) pre[s] = (uint)i;
            projections[proj.Spec.Name] = new H5Group
            {
                ["pre"] = pre,
                ["post"] = Array.ConvertAll(table.Target, t => (uint)t),
                ["w"] = (float[])table.Weight.Clone(),
            };
        }
        file["projections"] = projections;
        var saved = new H5Group();
        for (int k = 0; k < spec.Readouts.Count; k++)
            saved[spec.Readouts[k].Name] = SavedReadout(spec.Readouts[k], readouts[k], scores?.FirstOrDefault(s => s.Name == spec.Readouts[k].Name));
        if (saved.Count > 0) file["readouts"] = saved;
        string temp = path + ".tmp";
        file.Attributes["duration_units"] = "ms";
        file.Attributes["dt_units"] = "ms";
        try
        {
            file.Write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a saved trained model.</summary>
    public static bool IsTrainedModel(string path)
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

    /// <summary>
    /// Loads a saved model: its spec (readouts frozen: <see cref="LoadNetwork"/>), the network with the
    /// saved weights, and a time-stepped CPU simulator whose readouts hold the saved weights. For another
    /// engine, <see cref="LoadNetwork"/>, create the simulation, then <see cref="LoadReadouts"/>.
    /// </summary>
    public static Simulator Load(string path, int threads = 0, Func<NetworkSpec, NetworkSpec>? adjust = null)
    {
        var network = LoadNetwork(path, threads, adjust);
        var simulator = new Simulator(network, threads);
        LoadReadouts(path, simulator.Readouts, network.Spec);
        return simulator;
    }

    /// <summary>
    /// Loads a saved model's spec (readouts frozen: they keep the saved weights, and their washout and
    /// training windows, as the model file gives them, only say where the scores of the run that trained
    /// them were taken, so the test score compares with the original's) and builds its network with the
    /// saved weights, checking that the model still draws the synapses it was saved with.
    /// </summary>
    public static Network LoadNetwork(string path, int threads = 0, Func<NetworkSpec, NetworkSpec>? adjust = null)
    {
        using var file = H5File.OpenRead(path);
        if (!file.AttributeExists("kind") || file.Attribute("kind").Read<string>() != Kind)
            throw new InvalidDataException($"{path}: not a trained model saved by spiking (no kind = \"{Kind}\" attribute)");
        string text = file.Attribute("model").Read<string>();
        string source = file.Attribute("model_file").Read<string>();
        string variant = file.Attribute("variant").Read<string>();
        var spec = ModelFileReader.Parse(text, source.Length > 0 ? source : path, variant.Length > 0 ? variant : null);
        spec = spec with
        {
            Simulation = spec.Simulation with { Seed = file.Attribute("seed").Read<ulong>(), Duration = file.Attribute("duration").Read<double>() },
            Readouts = spec.Readouts.Select(r => r with { Frozen = true }).ToArray(),
        };
        if (adjust is not null) spec = adjust(spec);

        var weights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var saved = file.Group("projections");
        foreach (var pr in spec.Projections)
        {
            if (!saved.LinkExists(pr.Name)) throw new InvalidDataException($"{path}: no saved weights for projection '{pr.Name}'");
            weights[pr.Name] = saved.Group(pr.Name).Dataset("w").Read<float[]>();
        }
        var network = Network.Build(spec, threads, weights);
        foreach (var proj in network.Projections)
        {
            var g = saved.Group(proj.Spec.Name);
            var post = g.Dataset("post").Read<uint[]>();
            for (long s = 0; s < post.LongLength; s++)
                if (post[s] != (uint)proj.Synapses.Target[s])
                    throw new InvalidDataException($"{path}: projection '{proj.Spec.Name}' was saved with other synapses than the model draws now (synapse {s}); the file does not belong to this version of the model");
        }
        return network;
    }

    /// <summary>
    /// Sets the weights of <paramref name="readouts"/> (those of a simulator of any backend built on the
    /// network that <see cref="Load"/> rebuilt from <paramref name="path"/>, in the spec's order) to the saved ones.
    /// </summary>
    public static void LoadReadouts(string path, IReadOnlyList<LinearReadout> readouts, NetworkSpec spec)
    {
        using var file = H5File.OpenRead(path);
        SetReadouts(file, path, spec, readouts);
    }

    private static void SetReadouts(NativeFile file, string path, NetworkSpec spec, IReadOnlyList<LinearReadout> readouts)
    {
        for (int k = 0; k < spec.Readouts.Count; k++)
        {
            var name = spec.Readouts[k].Name;
            var w = file.Group("readouts").Group(name).Dataset("weights").Read<double[,]>();
            var readout = readouts[k];
            if (w.GetLength(0) != readout.Outputs || w.GetLength(1) != readout.Features + 1)
                throw new InvalidDataException($"{path}: readout '{name}' has weights of shape {w.GetLength(0)} x {w.GetLength(1)}, expected {readout.Outputs} x {readout.Features + 1}");
            Array.Copy(w, readout.Weights, w.Length);
        }
    }
}
