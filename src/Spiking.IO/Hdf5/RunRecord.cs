using System.Globalization;
using System.Text;
using PureHDF;

namespace Spiking.IO.Hdf5;

/// <summary>
/// The options of <c>spiking run</c> that shaped one output, as the run used them (after defaults,
/// the model file's own variant and <c>--backend auto</c> were resolved). With the model text stored
/// beside it (root attribute <c>model</c>, the file as written) it reproduces the run: <c>spiking
/// rerun</c> reads nothing else. Stored as the attributes of the group <c>/run</c>.
/// </summary>
public sealed record RunRecord
{
    /// <summary>The HDF5 group the record is stored in.</summary>
    public const string Group = "/run";

    /// <summary>The model path as given on the command line (a model file, or a saved trained model when <see cref="FromTrainedModel"/>).</summary>
    public required string ModelFile { get; init; }

    /// <summary>Whether <see cref="ModelFile"/> is a saved trained model (<c>spiking run --save-trained</c>), whose weights the output does not hold.</summary>
    public bool FromTrainedModel { get; init; }

    /// <summary>The variant applied (<c>--variant</c>, else the model file's <c>variant</c> key); null when none.</summary>
    public string? Variant { get; init; }

    /// <summary>Seed of every random stream (<c>--seed</c>, else the model file's).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Simulated time the run was asked for (ms; <c>--duration</c>, else the model file's).</summary>
    public required double Duration { get; init; }

    /// <summary>"step" or "event".</summary>
    public required string Mode { get; init; }

    /// <summary>The <c>--scale</c> factor (1: the sizes of the file).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>The engine's backend that ran it ("cpu", "cuda", ...; "auto" already resolved).</summary>
    public required string Backend { get; init; }

    /// <summary>Device sums ("deterministic" or "fast") on a device backend; null on the cpu.</summary>
    public string? DeviceSums { get; init; }

    /// <summary>Worker threads asked for (0: automatic). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The command line that repeats the run from <see cref="ModelFile"/> (for people; <c>spiking rerun</c> reads the fields).</summary>
    public string Command
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            var b = new StringBuilder("spiking run ").Append(Quote(ModelFile));
            if (!FromTrainedModel && Variant is not null) b.Append(" --variant ").Append(Quote(Variant));
            if (!FromTrainedModel) b.Append(" --seed ").Append(Seed.ToString(inv));
            b.Append(" --duration \"").Append(Duration.ToString("R", inv)).Append(" ms\"");
            if (!FromTrainedModel) b.Append(" --mode ").Append(Mode);
            if (!FromTrainedModel && Scale != 1) b.Append(" --scale ").Append(Scale.ToString("R", inv));
            b.Append(" --backend ").Append(Backend);
            if (DeviceSums is not null) b.Append(" --device-sums ").Append(DeviceSums);
            if (Threads > 0) b.Append(" --threads ").Append(Threads.ToString(inv));
            return b.ToString();
        }
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? s : "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>The record as the attributes of <see cref="Group"/>; time-like ones carry their unit in <c>NAME_units</c> (HDF5 attributes cannot hold attributes).</summary>
    internal H5Group ToGroup() => new()
    {
        Attributes = new()
        {
            ["model_file"] = ModelFile,
            ["from_trained_model"] = FromTrainedModel ? (byte)1 : (byte)0,
            ["variant"] = Variant ?? "",
            ["seed"] = Seed,
            ["duration"] = Duration,
            ["duration_units"] = "ms",
            ["mode"] = Mode,
            ["scale"] = Scale,
            ["backend"] = Backend,
            ["device_sums"] = DeviceSums ?? "",
            ["threads"] = (long)Threads,
            ["command"] = Command,
        },
    };

    /// <summary>
    /// Reads the record of the output at <paramref name="path"/>; null when the file has no <c>/run</c>
    /// group (written before the options were recorded, or not by <c>spiking run</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">The group lacks an attribute or holds one of another type.</exception>
    public static RunRecord? Read(string path)
    {
        using var file = H5File.OpenRead(path);
        if (!file.LinkExists("run")) return null;
        var g = file.Group("run");
        T Get<T>(string name)
        {
            if (!g.AttributeExists(name)) throw new InvalidDataException($"{path}: /run has no attribute '{name}'");
            try { return g.Attribute(name).Read<T>(); }
            catch (Exception e) when (e is not OutOfMemoryException) { throw new InvalidDataException($"{path}: /run attribute '{name}' is not a {typeof(T).Name} ({e.Message})", e); }
        }
        string? Optional(string name) => Get<string>(name) is { Length: > 0 } s ? s : null;
        return new RunRecord
        {
            ModelFile = Get<string>("model_file"),
            FromTrainedModel = Get<byte>("from_trained_model") != 0,
            Variant = Optional("variant"),
            Seed = Get<ulong>("seed"),
            Duration = Get<double>("duration"),
            Mode = Get<string>("mode"),
            Scale = Get<double>("scale"),
            Backend = Get<string>("backend"),
            DeviceSums = Optional("device_sums"),
            Threads = checked((int)Get<long>("threads")),
        };
    }
}
