using BenchmarkDotNet.Attributes;
using Spiking.Motion;
using Spiking.Random;

namespace Spiking.Benchmarks;

/// <summary>
/// Matching-pursuit inference of one bgG-RNN frame (docs/motion.md): 256 units on 16 × 16 patches,
/// frames of generated motion (bars, gratings, dots with noise 0.1), prior logits −3, τx 3, τy 0.3 as
/// in models/bgrnn-motion.toml. Features: random unit-norm columns (<see cref="RandomFeatures"/>) and
/// features after training (<see cref="TrainedFeatures"/>: 1500 sequences, learned R), which pick fewer, better units. Cost per frame.
/// </summary>
public class MatchingPursuitBenchmarks
{
    public const int Frames = 64;

    private double[] _frames = [];
    private double[] _logits = [], _h = [], _x = [];
    private MatchingPursuit _random = null!, _trained = null!;

    [GlobalSetup]
    public void Setup()
    {
        var stim = new MotionStimulusOptions { Size = 16, Frames = 8, NoiseSd = 0.1, GratingPeriod = 8 };
        _frames = new double[Frames * stim.Pixels];
        for (int s = 0; s < Frames / stim.Frames; s++)
            MotionStimuli.Generate(7, s, stim, _frames.AsSpan(s * stim.Frames * stim.Pixels, stim.Frames * stim.Pixels));
        var p = new BgRnnParameters(stim.Pixels, 256, 3, 0.3);
        for (int k = 0; k < p.Units; k++)
        {
            var rng = new PhiloxStream(1, StreamKind.InitialState, 0x4D42, (uint)k);
            var col = p.Feature(k);
            for (int i = 0; i < col.Length; i++) col[i] = rng.NextNormal();
        }
        BgRnnLearning.NormaliseColumns(p, 1);
        _random = new MatchingPursuit(p);
        var trainer = new BgRnnTrainer(stim.Pixels, new BgRnnTrainingOptions { Units = 256, LearningRateR = 0.2, TrainSequences = 1500, Checkpoints = 0, HeldOutSequences = 1 });
        trainer.Train(new GeneratedSequences(1, stim), new GeneratedSequences(2, stim));
        _trained = new MatchingPursuit(trainer.Model);
        _logits = Enumerable.Repeat(-3.0, 256).ToArray();
        _h = new double[256];
        _x = new double[256];
    }

    private double Run(MatchingPursuit mp)
    {
        double acc = 0;
        int px = mp.Parameters.Pixels;
        for (int f = 0; f < Frames; f++) acc += mp.Infer(_logits, _frames.AsSpan(f * px, px), _h, _x);
        return acc;
    }

    /// <summary>Random unit-norm features.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double RandomFeatures() => Run(_random);

    /// <summary>Features after 1500 training sequences.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double TrainedFeatures() => Run(_trained);
}
