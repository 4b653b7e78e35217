using PureHDF;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Readouts;

namespace Spiking.IO.Hdf5;

// The scores of the run that trained a saved model, kept beside its readout weights.
public static partial class TrainedModel
{
    private static H5Group SavedReadout(ReadoutSpec spec, LinearReadout readout, ReadoutScore? score)
    {
        var group = new H5Group
        {
            ["weights"] = (double[,])readout.Weights.Clone(),
            Attributes = new()
            {
                ["washout"] = spec.Washout, ["washout_units"] = "ms",
                ["train"] = spec.Train, ["train_units"] = "ms",
            },
        };
        if (score is not null)
        {
            group.Attributes["test_rmse"] = score.TestRmse;
            group.Attributes["test_nrmse"] = score.TestNrmse;
            group.Attributes["train_nrmse"] = score.TrainNrmse;
            group.Attributes["train_steps"] = score.TrainSteps;
            group.Attributes["test_steps"] = score.TestSteps;
        }
        return group;
    }

    /// <summary>
    /// The scores of the run that trained the saved model at <paramref name="path"/>, by readout name;
    /// a readout saved without scores (a file written before they were kept) is left out.
    /// </summary>
    public static IReadOnlyDictionary<string, ReadoutScore> ReadScores(string path)
    {
        var scores = new Dictionary<string, ReadoutScore>(StringComparer.Ordinal);
        using var file = H5File.OpenRead(path);
        if (!file.LinkExists("readouts")) return scores;
        foreach (var child in file.Group("readouts").Children())
        {
            if (child is not IH5Group g || !g.AttributeExists("test_rmse")) continue;
            double D(string name) => g.Attribute(name).Read<double>();
            long L(string name) => g.Attribute(name).Read<long>();
            scores[g.Name] = new ReadoutScore(g.Name, L("train_steps"), L("test_steps"), D("test_rmse"), D("test_nrmse"), D("train_nrmse"));
        }
        return scores;
    }
}
