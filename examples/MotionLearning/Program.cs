// Learning visual motion with a binary-gated Gaussian RNN (Pachitariu & Sahani, seed 000; docs/motion.md).
//   dotnet run -c Release --project examples/MotionLearning                 # train: learned R vs R = 0, held-out LL and DSI
//   dotnet run -c Release --project examples/MotionLearning -- reparam      # linear-RNN reparametrisation: sparsity and error vs λ
//   dotnet run -c Release --project examples/MotionLearning -- train 16 128 6000 64   # patch size, units, training sequences, DSI sequences per direction
using System.Diagnostics;
using System.Globalization;
using Spiking.Motion;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "reparam") { Reparametrisation(); return; }
int size = args.Length > 1 ? int.Parse(args[1]) : 16;
int units = args.Length > 2 ? int.Parse(args[2]) : 128;
int sequences = args.Length > 3 ? int.Parse(args[3]) : 6000;
int dsiSequences = args.Length > 4 ? int.Parse(args[4]) : 64;
Train(size, units, sequences, dsiSequences);

static void Train(int size, int units, int sequences, int dsiSequences)
{
    // As models/bgrnn-motion.toml.
    var stimuli = new MotionStimulusOptions { Size = size, Frames = 12, NoiseSd = 0.1, GratingPeriod = size / 2.0 };
    var train = new GeneratedSequences(1, stimuli);
    var heldOut = new GeneratedSequences(2, stimuli);
    Console.WriteLine($"bgG-RNN: {units} units on {size}x{size} patches; {sequences} training sequences (seed 1) of {stimuli.Frames} frames; 20 held-out sequences (seed 2)");
    Console.WriteLine("held-out score: log p(y, h | past) per frame, amplitudes integrated out, fully normalised (nats)");
    var results = new List<(string Label, BgRnnEvaluation Final, DirectionSelectivityResult Dsi, DirectionSelectivityResult Bars)>();
    foreach (bool learnR in new[] { true, false })
    {
        string label = learnR ? "learned R" : "R = 0";
        var sw = Stopwatch.StartNew();
        var trainer = new BgRnnTrainer(stimuli.Pixels, new BgRnnTrainingOptions
        {
            Units = units,
            TauX = 3,
            TauY = 0.3,
            LearningRateW = 0.05,
            LearningRateR = 0.2,
            LearningRateB = 0.05,
            TrainSequences = sequences,
            Checkpoints = 4,
            HeldOutSequences = 20,
            LearnRecurrent = learnR,
        });
        var cps = trainer.Train(train, heldOut, e => Console.WriteLine("  " + BgRnnRun.Describe(label, e)));
        var ds = new DirectionSelectivity(trainer.Model);
        var gratings = ds.Measure(stimuli, 1.0, dsiSequences, 2);
        var bars = ds.Measure(stimuli, 1.0, dsiSequences, 2, MotionStimulusKind.Bar);
        Console.WriteLine($"  {label}: trained and measured in {sw.Elapsed.TotalSeconds:F1} s");
        results.Add((label, cps[^1], gratings, bars));
    }
    Console.WriteLine();
    Console.WriteLine($"{"model",-10} {"held-out LL",12} {"gates' LL",10} {"active/frame",13} {"active units (gratings)",24} {"DSI>0.3 gratings",17} {"DSI>0.3 bars",13}");
    foreach (var (label, e, g, b) in results)
        Console.WriteLine($"{label,-10} {e.LogEvidencePerFrame,12:F3} {e.GateLogPriorPerFrame,10:F3} {e.ActivePerFrame,13:F2} {g.ActiveCount,24} {g.FractionSelective,17:F3} {b.FractionSelective,13:F3}");
}

static void Reparametrisation()
{
    const int size = 16, grid = 4, orientations = 4, lags = 12;
    int n = SpatiotemporalFilterBanks.Units(size, grid, orientations), px = size * size;
    var stim = new MotionStimulusOptions { Size = size, Frames = 30, NoiseSd = 0.1 };
    var frames = new double[stim.Frames * px];
    Console.WriteLine($"{n} Gabor units (4 orientations x 2 phases x 16 centres on a 4-px grid, σ 3 px, period 6 px), {lags} lags, decay 0.7 per lag");
    Console.WriteLine("error = ‖x_rnn − x_filter‖ / ‖x_filter‖ over 6 held-out sequences (seed 77) of 30 frames; λmax = the smallest λ giving R = 0");
    foreach (bool exact in new[] { true, false })
    {
        var bank = exact
            ? SpatiotemporalFilterBanks.Shifting(size, grid, orientations, 3, 6, 0.7, lags, out _)
            : SpatiotemporalFilterBanks.Drifting(size, grid, orientations, 3, 6, 1.0, 0.7, lags);
        var rep = new LinearRnnReparametrisation(bank, n, px);
        Console.WriteLine();
        Console.WriteLine(exact ? "exact bank W_τ = R^τ W_0 (each filter moves one grid node per lag)" : "drifting bank (each filter moves 1 px per lag: only approximately R^τ W_0)");
        Console.WriteLine($"{"λ/λmax",8} {"sparsity",9} {"error",8} {"nonzeros/row",13}");
        foreach (double rel in new[] { 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3 })
        {
            var r = rep.FitRecurrent(rel * rep.LambdaMax);
            double num = 0, den = 0;
            var a = new double[stim.Frames * n];
            var b = new double[a.Length];
            for (int i = 0; i < 6; i++)
            {
                MotionStimuli.Generate(77, i, stim, frames);
                rep.FilterResponses(frames, a);
                rep.RnnResponses(r, frames, b);
                for (int q = 0; q < a.Length; q++) { num += (a[q] - b[q]) * (a[q] - b[q]); den += a[q] * a[q]; }
            }
            double sparsity = LinearRnnReparametrisation.Sparsity(r);
            Console.WriteLine($"{rel,8} {sparsity,9:F4} {Math.Sqrt(num / den),8:F4} {(1 - sparsity) * n,13:F1}");
        }
    }
}
