using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>
/// Tied feature copies (<see cref="BgRnnTrainingOptions.FeatureCopies"/>) with x ≥ 0: copies share W
/// exactly, and with learned R direction selectivity to drifting gratings emerges (the measure:
/// mean ĥ, DSI &gt; 0.3), while the same model with R = 0 has none.
/// </summary>
public class FeatureCopiesTests
{
    private static readonly MotionStimulusOptions Stimuli = new() { Size = 8, Frames = 12, NoiseSd = 0.1, GratingPeriod = 4 };

    private static BgRnnTrainingOptions Options(bool learnR, int sequences) => new()
    {
        Units = 64,
        TauX = 3,
        TauY = 0.3,
        LearningRateW = 0.05,
        LearningRateR = 0.5,
        LearningRateB = 0.05,
        TrainSequences = sequences,
        Checkpoints = 1,
        HeldOutSequences = 4,
        LearnRecurrent = learnR,
        NonNegativeAmplitudes = true,
        FeatureCopies = 2,
    };

    [Fact]
    public void Copies_share_their_feature_and_differ_in_R()
    {
        var trainer = new BgRnnTrainer(Stimuli.Pixels, Options(true, 200));
        trainer.Train(new GeneratedSequences(1, Stimuli), new GeneratedSequences(2, Stimuli));
        var m = trainer.Model;
        int half = m.Units / 2;
        for (int k = 0; k < half; k++) Assert.Equal(m.Feature(k).ToArray(), m.Feature(k + half).ToArray());
        Assert.Contains(Enumerable.Range(0, half), k => m.R.AsSpan(k * m.Units, m.Units).SequenceEqual(m.R.AsSpan((k + half) * m.Units, m.Units)) == false);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgRnnTrainer(Stimuli.Pixels, Options(true, 1) with { Units = 63 }));
    }

    [Fact]
    public void Direction_selectivity_emerges_with_learned_R_and_not_with_R_zero()
    {
        DirectionSelectivityResult Measure(bool learnR)
        {
            var trainer = new BgRnnTrainer(Stimuli.Pixels, Options(learnR, 4000));
            trainer.Train(new GeneratedSequences(1, Stimuli), new GeneratedSequences(2, Stimuli));
            return new DirectionSelectivity(trainer.Model).Measure(Stimuli, 1.0, 32, 2);
        }
        var learned = Measure(true);
        var fixedR = Measure(false);
        // Measured (docs/motion.md): 0.889 of 27 active units with learned R, 0 of 18 with R = 0.
        string msg = $"learned R: {learned.FractionSelective} of {learned.ActiveCount} active; R = 0: {fixedR.FractionSelective} of {fixedR.ActiveCount}";
        Assert.True(learned.ActiveCount >= 15, msg);
        Assert.True(learned.FractionSelective >= 0.5, msg);
        Assert.True(fixedR.ActiveCount >= 10, msg);
        Assert.True(fixedR.FractionSelective < 0.1, msg);
        Assert.True(learned.FractionSelective >= 2 * fixedR.FractionSelective, msg);
    }
}
