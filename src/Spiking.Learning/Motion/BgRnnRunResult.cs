namespace Spiking.Motion;

/// <summary>What a bgG-RNN training run produced (written to HDF5 by Spiking.IO.Hdf5.BgRnnOutput).</summary>
/// <param name="Spec">The run as described.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Checkpoints">Held-out scores before training and at each checkpoint.</param>
/// <param name="Selectivity">Direction tuning of the trained model to drifting gratings.</param>
/// <param name="Gates">ĥ on the held-out sequences, [sequence × frame, unit] row-major.</param>
/// <param name="Amplitudes">x̂ on the held-out sequences, same layout.</param>
/// <param name="WallSeconds">Wall time of training and measurements.</param>
public sealed record BgRnnRunResult(BgRnnRunSpec Spec, BgRnnParameters Model, IReadOnlyList<BgRnnEvaluation> Checkpoints,
    DirectionSelectivityResult Selectivity, double[] Gates, double[] Amplitudes, double WallSeconds)
{
    /// <summary>Final held-out scores of the same model trained with R fixed at 0, when the run asked for it.</summary>
    public BgRnnEvaluation? Baseline { get; init; }

    /// <summary>Direction tuning of the R = 0 model, when the run asked for it.</summary>
    public DirectionSelectivityResult? BaselineSelectivity { get; init; }
}
