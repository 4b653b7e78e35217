using PureHDF;

namespace Spiking.IO.Hdf5;

/// <summary>
/// The held-out scores a bgG-RNN run wrote at each checkpoint (<c>/bgrnn/checkpoints</c>): its learning curves.
/// </summary>
/// <param name="SequencesSeen">Training sequences seen at each checkpoint.</param>
/// <param name="Scores">Every other checkpoint dataset by name (log_evidence_per_frame, ...), one value per checkpoint.</param>
/// <param name="Units">The group's <c>units</c> attribute ("nats per frame"), empty when absent.</param>
/// <param name="Baselines">Root-group attributes <c>baseline_NAME</c> of the R = 0 baseline, by score name.</param>
public sealed record BgRnnCheckpoints(double[] SequencesSeen, IReadOnlyDictionary<string, double[]> Scores, string Units, IReadOnlyDictionary<string, double> Baselines)
{
    /// <summary>Reads the checkpoints of the bgG-RNN output <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file has no <c>/bgrnn/checkpoints</c> group or its datasets disagree in length.</exception>
    public static BgRnnCheckpoints Read(string path)
    {
        using var file = H5File.OpenRead(path);
        if (!file.LinkExists("bgrnn") || !file.Group("bgrnn").LinkExists("checkpoints"))
            throw new InvalidDataException($"{path}: no /bgrnn/checkpoints group (not the output of a bgG-RNN run)");
        var bgrnn = file.Group("bgrnn");
        var g = bgrnn.Group("checkpoints");
        var seen = Array.ConvertAll(g.Dataset("sequences_seen").Read<long[]>(), v => (double)v);
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var child in g.Children())
        {
            if (child is not IH5Dataset ds || child.Name == "sequences_seen") continue;
            var values = ds.Read<double[]>();
            if (values.Length != seen.Length)
                throw new InvalidDataException($"{path}: /bgrnn/checkpoints/{child.Name} has {values.Length} values for {seen.Length} checkpoints");
            scores[child.Name] = values;
        }
        var baselines = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in bgrnn.Attributes())
            if (a.Name.StartsWith("baseline_", StringComparison.Ordinal) && a.Type.Class == H5DataTypeClass.FloatingPoint)
                baselines[a.Name["baseline_".Length..]] = a.Read<double>();
        string units = g.AttributeExists("units") ? g.Attribute("units").Read<string>() : "";
        return new BgRnnCheckpoints(seen, scores, units, baselines);
    }
}
