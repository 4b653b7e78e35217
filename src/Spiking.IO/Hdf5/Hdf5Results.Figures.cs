using PureHDF;

namespace Spiking.IO.Hdf5;

/// <summary>One readout as stored under <c>/readouts/NAME</c>.</summary>
/// <param name="Name">Readout name.</param>
/// <param name="Time">Sample times (ms).</param>
/// <param name="Prediction">The readout's output at each time (NaN where it made none).</param>
/// <param name="Target">The target series at each time.</param>
/// <param name="Attributes">The group's attributes (population, method, washout, train, test_nrmse, ...).</param>
public sealed record ReadoutData(string Name, double[] Time, double[] Prediction, double[] Target, IReadOnlyDictionary<string, object> Attributes);

/// <summary>Weight snapshots of one projection as stored under <c>/weights/PROJECTION</c>.</summary>
/// <param name="Projection">Projection name.</param>
/// <param name="Time">Snapshot times (ms).</param>
/// <param name="Pre">Presynaptic neuron of each synapse.</param>
/// <param name="Post">Postsynaptic neuron of each synapse.</param>
/// <param name="W">Weights [snapshot, synapse].</param>
/// <param name="Units">Unit of the weights (attribute <c>units</c> of <c>w</c>), empty when absent.</param>
/// <param name="Plastic">Whether the projection has a learning rule (attribute <c>plastic</c>).</param>
public sealed record WeightData(string Projection, double[] Time, ulong[] Pre, ulong[] Post, double[,] W, string Units, bool Plastic);

public sealed partial class Hdf5Results
{
    /// <summary>Readouts under <c>/readouts</c>, in file order.</summary>
    public IReadOnlyList<string> Readouts => Children("readouts");

    /// <summary>Projections under <c>/weights</c>, in file order.</summary>
    public IReadOnlyList<string> WeightProjections => Children("weights");

    /// <summary>Reads the readout <paramref name="name"/>.</summary>
    public ReadoutData ReadReadout(string name)
    {
        var group = Group("readouts", name);
        var time = group.Dataset("time").Read<double[]>();
        var prediction = group.Dataset("prediction").Read<double[]>();
        var target = group.Dataset("target").Read<double[]>();
        if (prediction.Length != time.Length || target.Length != time.Length)
            throw new InvalidDataException($"{Path}: /readouts/{name} has {time.Length} times, {prediction.Length} predictions and {target.Length} targets");
        return new ReadoutData(name, time, prediction, target, ReadAttributes(group));
    }

    /// <summary>Reads the weight snapshots of <paramref name="projection"/>.</summary>
    public WeightData ReadWeights(string projection)
    {
        var group = Group("weights", projection);
        var time = group.Dataset("time").Read<double[]>();
        var pre = ReadIds(group.Dataset("pre"));
        var post = ReadIds(group.Dataset("post"));
        var ds = group.Dataset("w");
        var dims = ds.Space.Dimensions;
        if (dims.Length != 2 || (long)dims[0] != time.Length || (long)dims[1] != pre.Length || pre.Length != post.Length)
            throw new InvalidDataException($"{Path}: /weights/{projection}: w is [{string.Join(", ", dims)}], expected [{time.Length} snapshots, {pre.Length} synapses] with as many post ids ({post.Length})");
        var w = dims[0] * dims[1] == 0 ? new double[dims[0], dims[1]] : ds.Read<double[,]>();
        string units = ds.AttributeExists("units") ? ds.Attribute("units").Read<string>() : "";
        bool plastic = AsLong(ReadAttributes(group).GetValueOrDefault("plastic")) is > 0;
        return new WeightData(projection, time, pre, post, w, units, plastic);
    }
}
