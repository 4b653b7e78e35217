using System.Diagnostics;

namespace Spiking.Motion;

/// <summary>
/// Carries out a <see cref="BgRnnRunSpec"/>: trains on the training sequences (artificial stimuli, or
/// patches of a movie), scores on held-out sequences at each checkpoint, infers ĥ and x̂ on the
/// held-out sequences, measures direction selectivity with drifting gratings, and optionally trains
/// the R = 0 baseline the same way.
/// </summary>
public static class BgRnnRun
{
    /// <summary>Runs <paramref name="spec"/>; <paramref name="movie"/> is the movie when the spec names one (read by the caller).</summary>
    public static BgRnnRunResult Execute(BgRnnRunSpec spec, MovieData? movie = null, Action<string>? log = null)
    {
        var sw = Stopwatch.StartNew();
        ISequenceSource train, heldOut;
        if (spec.MovieFile is not null)
        {
            if (movie is null) throw new ArgumentException("the run trains on a movie; pass it", nameof(movie));
            train = new MoviePatches(movie, spec.Stimuli.Size, spec.Stimuli.Frames, spec.StimulusSeed, spec.Stimuli.Contrast);
            heldOut = new MoviePatches(movie, spec.Stimuli.Size, spec.Stimuli.Frames, spec.HeldOutSeed, spec.Stimuli.Contrast);
        }
        else
        {
            train = new GeneratedSequences(spec.StimulusSeed, spec.Stimuli);
            heldOut = new GeneratedSequences(spec.HeldOutSeed, spec.Stimuli);
        }
        var trainer = new BgRnnTrainer(train.Pixels, spec.Training);
        string label = spec.Training.LearnRecurrent ? "learned R" : "R = 0";
        var checkpoints = trainer.Train(train, heldOut, e => log?.Invoke(Describe(label, e)));
        int rows = spec.Training.HeldOutSequences * heldOut.Frames, n = spec.Training.Units;
        var gates = new double[rows * n];
        var amplitudes = new double[rows * n];
        BgRnnTrainer.Evaluate(trainer.Model, heldOut, spec.Training.HeldOutSequences, trainer.SequencesSeen, gates, amplitudes);
        var dsi = new DirectionSelectivity(trainer.Model) { SelectivityThreshold = spec.DsiThreshold }
            .Measure(spec.Stimuli, spec.DsiSpeed, spec.DsiSequences, spec.HeldOutSeed);
        log?.Invoke($"{label}: {dsi.ActiveCount} active units, fraction with DSI > {spec.DsiThreshold} = {dsi.FractionSelective:F3}");
        BgRnnEvaluation? baseline = null;
        DirectionSelectivityResult? baselineDsi = null;
        if (spec.Baseline && spec.Training.LearnRecurrent)
        {
            var b = new BgRnnTrainer(train.Pixels, spec.Training with { LearnRecurrent = false });
            baseline = b.Train(train, heldOut, e => log?.Invoke(Describe("R = 0", e)))[^1];
            baselineDsi = new DirectionSelectivity(b.Model) { SelectivityThreshold = spec.DsiThreshold }
                .Measure(spec.Stimuli, spec.DsiSpeed, spec.DsiSequences, spec.HeldOutSeed);
            log?.Invoke($"R = 0: {baselineDsi.ActiveCount} active units, fraction with DSI > {spec.DsiThreshold} = {baselineDsi.FractionSelective:F3}");
        }
        return new BgRnnRunResult(spec, trainer.Model, checkpoints, dsi, gates, amplitudes, sw.Elapsed.TotalSeconds)
        {
            Baseline = baseline,
            BaselineSelectivity = baselineDsi,
        };
    }

    /// <summary>One line for a checkpoint.</summary>
    public static string Describe(string label, BgRnnEvaluation e) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{label}: {e.SequencesSeen,6} sequences: held-out log p(y, h) {e.LogEvidencePerFrame,9:F3} nats/frame (gates {e.GateLogPriorPerFrame:F3}), {e.ActivePerFrame:F2} active, residual {e.RelativeResidual:F3}");
}
