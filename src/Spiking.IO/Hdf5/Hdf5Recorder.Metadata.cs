using System.Globalization;
using PureHDF;
using PureHDF.VOL.Native;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.IO.Hdf5;

// What describes the run rather than what it recorded: the root attributes, the /run options and the readouts' groups.
public sealed partial class Hdf5Recorder
{
    /// <summary>The unit of every time-like attribute and dataset this recorder writes.</summary>
    public const string TimeUnits = "ms";

    /// <summary>The <c>magic</c> root attribute every SONATA HDF5 file carries (uint32).</summary>
    public const uint SonataMagic = 0x0A7A;

    /// <summary>The SONATA specification version the spike layout follows (root attribute <c>version</c>, 2 × uint32: the developer guide's version 0.1).</summary>
    public static readonly uint[] SonataVersion = [0, 1];

    /// <summary>
    /// Root attributes: SONATA's <c>magic</c> and <c>version</c> (so the software's own version is
    /// <c>software_version</c>), then the run's. An HDF5 attribute cannot carry attributes of its own, so a time-like attribute
    /// NAME has its unit in a sibling attribute NAME_units (dt_units, duration_units, t_start_units).
    /// </summary>
    private void WriteRunAttributes(H5File file, Network network, RunResult result)
    {
        var spec = network.Spec;
        var attrs = file.Attributes;
        attrs["magic"] = SonataMagic;
        attrs["version"] = (uint[])SonataVersion.Clone();
        attrs["software"] = "spiking";
        attrs["software_version"] = _version;
        attrs["seed"] = spec.Simulation.Seed;
        if (spec.Simulation.Trial != 0) attrs["trial"] = (ulong)spec.Simulation.Trial; // with the seed, it names the run's initial state and noise
        attrs["dt"] = network.Dt;
        attrs["dt_units"] = TimeUnits;
        attrs["scale"] = spec.Scale; // populations resized by --scale (in-degrees kept); 1 for the file's sizes
        attrs["variant"] = spec.Variant ?? ""; // the model text below is the file as written: this names the variant applied to it
        attrs["duration"] = result.SimulatedTime;
        attrs["duration_units"] = TimeUnits;
        attrs["t_start"] = result.StartTime;
        attrs["t_start_units"] = TimeUnits;
        attrs["steps"] = result.Steps;
        attrs["backend"] = _backend;
        attrs["mode"] = _mode;
        attrs["threads"] = _threads > 0 ? _threads : result.Threads;
        attrs["wall_time_s"] = result.WallSeconds;
        attrs["build_time_s"] = network.BuildSeconds;
        attrs["synaptic_events"] = result.SynapticEvents;
        attrs["model"] = spec.SourceText ?? "";
        attrs["model_file"] = spec.SourceName ?? "";
        attrs["created"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        attrs["n_neurons"] = network.NeuronCount;
        attrs["n_synapses"] = network.SynapseCount;
        if (Run is not null) file["run"] = Run.ToGroup();
    }

    /// <summary>
    /// The group of readout <paramref name="k"/>: <c>time</c> (ms, the time of the network state the
    /// row reads: the state after step n, at (n + 1)·dt, the clock of <c>/state</c>), <c>prediction</c>
    /// (NaN where the readout had no weights to predict with: before a ridge fit, before an online
    /// method's washout ends), <c>target</c> (NaN outside the series), the scores and windows.
    /// </summary>
    private H5Group ReadoutGroup(int k, ReadoutSpec r, RunResult result, List<Action<H5NativeWriter>> writes)
    {
        var rs = _readouts[k];
        var time = Dataset<double>(rs.Count, TimeUnits);
        time.Attributes["description"] = "time of the network state the prediction reads (the state after step n is at (n + 1) * dt); /state/POP/time uses the same clock";
        var prediction = Dataset<double>(rs.Count, null);
        prediction.Attributes["description"] = "readout output; NaN where the readout had no weights yet (before the ridge fit at the end of training, or before the washout of an online method)";
        var target = Dataset<double>(rs.Count, null);
        target.Attributes["description"] = "target series value the row is scored against; NaN outside the series";
        var score = k < result.Readouts.Count ? result.Readouts[k] : null;
        var group = new H5Group
        {
            ["time"] = time,
            ["prediction"] = prediction,
            ["target"] = target,
            Attributes = new()
            {
                ["population"] = r.Population, ["target_series"] = r.Target, ["channel"] = r.Channel, ["method"] = r.Method.ToString().ToLowerInvariant(),
                ["shift"] = (long)r.Shift,
                ["washout"] = r.Washout, ["washout_units"] = TimeUnits,
                ["train"] = r.Train, ["train_units"] = TimeUnits,
                ["frozen"] = r.Frozen ? (byte)1 : (byte)0,
                ["test_rmse"] = score?.TestRmse ?? double.NaN, ["test_nrmse"] = score?.TestNrmse ?? double.NaN, ["train_nrmse"] = score?.TrainNrmse ?? double.NaN,
                ["train_steps"] = score?.TrainSteps ?? 0L, ["test_steps"] = score?.TestSteps ?? 0L,
            },
        };
        if (rs.Weights is { } w) group["weights"] = w;
        writes.Add(wr => rs.WriteTo(wr, time, prediction, target));
        return group;
    }
}
