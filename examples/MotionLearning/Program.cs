// Learning visual motion with a binary-gated Gaussian RNN (Pachitariu & Sahani, seed 000; docs/motion.md).
//   dotnet run -c Release --project examples/MotionLearning                 # train: learned R vs R = 0, held-out LL and DSI
//   dotnet run -c Release --project examples/MotionLearning -- reparam      # linear-RNN reparametrisation: sparsity and error vs λ
//   dotnet run -c Release --project examples/MotionLearning -- train 16 128 6000 64   # patch size, units, training sequences, DSI sequences per direction
//   dotnet run -c Release --project examples/MotionLearning -- dsi mixed 128 6000 0.3 0.2 0 1   # direction-selectivity table:
//        training set (mixed|grating), units, sequences, τy, η_R, seed of the initial W, units per feature (tied copies)
using System.Diagnostics;
using System.Globalization;
using Spiking.Motion;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "reparam") { Reparametrisation(); return; }
if (args.Length > 0 && args[0] == "dsi")
{
    SelectivityTable(args.Length > 1 ? args[1] : "mixed", args.Length > 2 ? int.Parse(args[2]) : 128, args.Length > 3 ? int.Parse(args[3]) : 6000,
        args.Length > 4 ? double.Parse(args[4]) : 0.3, args.Length > 5 ? double.Parse(args[5]) : 0.2,
        args.Length > 6 ? ulong.Parse(args[6]) : 1, args.Length > 7 ? int.Parse(args[7]) : 1);
    return;
}
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

// Direction selectivity by several measures, for the seed's Gaussian amplitudes and the x ≥ 0 variant, learned R vs R = 0.
static void SelectivityTable(string training, int units, int sequences, double tauY, double etaR, ulong seed, int copies)
{
    var stimuli = new MotionStimulusOptions { Size = 16, Frames = 12, NoiseSd = 0.1, GratingPeriod = 8 };
    if (training == "grating") stimuli = stimuli with { Kinds = [MotionStimulusKind.Grating], Speeds = [1.0] };
    else if (training != "mixed") throw new ArgumentException("training set: mixed or grating");
    var train = new GeneratedSequences(1, stimuli);
    var heldOut = new GeneratedSequences(2, stimuli);
    Console.WriteLine($"training: {training}, {units} units, {sequences} sequences (seed 1), τy {tauY}, η_R {etaR}, initial-W seed {seed}, units per feature {copies}; DSI: gratings 1 px/frame, 64 sequences per direction (seed 2)");
    Console.WriteLine("fraction of active units (mean ĥ >= 0.01; 'strong': >= 0.1) with DSI > 0.3 [selective/active]; reliable: units selective by ĥ also on");
    Console.WriteLine("64 other grating sequences per direction (seed 3) with the same preferred direction");
    Console.WriteLine($"{"amplitudes",-10} {"R",-8} {"held-out LL",11} {"issue: ĥ, t>=4",16} {"ĥ strong",10} {"ĥ all t",10} {"σ(a)",10} {"|ĥx̂|",10} {"max DSI ĥ",10} {"bars ĥ",10} {"reliable",9}");
    foreach (bool nonNegative in new[] { false, true })
        foreach (bool learnR in new[] { true, false })
        {
            var trainer = new BgRnnTrainer(stimuli.Pixels, new BgRnnTrainingOptions
            {
                Units = units, TauX = 3, TauY = tauY, LearningRateW = 0.05, LearningRateR = etaR, LearningRateB = 0.05,
                TrainSequences = sequences, Checkpoints = 1, HeldOutSequences = 20, LearnRecurrent = learnR, NonNegativeAmplitudes = nonNegative,
                Seed = seed, FeatureCopies = copies,
            });
            var final = trainer.Train(train, heldOut)[^1];
            var m = trainer.Model;
            string F(DirectionSelectivityResult r) => $"{r.FractionSelective:F3} [{(int)Math.Round(r.FractionSelective * r.ActiveCount)}/{r.ActiveCount}]";
            var issue = new DirectionSelectivity(m).Measure(stimuli, 1.0, 64, 2);
            var strong = new DirectionSelectivity(m) { ActivityThreshold = 0.1 }.Measure(stimuli, 1.0, 64, 2);
            var allT = new DirectionSelectivity(m) { SkipFrames = 0 }.Measure(stimuli, 1.0, 64, 2);
            var prior = new DirectionSelectivity(m) { Response = DirectionSelectivityResponse.PriorProbability }.Measure(stimuli, 1.0, 64, 2);
            var mag = new DirectionSelectivity(m) { Response = DirectionSelectivityResponse.Magnitude }.Measure(stimuli, 1.0, 64, 2);
            var bars = new DirectionSelectivity(m).Measure(stimuli, 1.0, 64, 2, MotionStimulusKind.Bar);
            // Reliability: selective (ĥ) in an independent measurement (seed 3) too, with the same preferred direction.
            var repeat = new DirectionSelectivity(m).Measure(stimuli, 1.0, 64, 3);
            int reliable = Enumerable.Range(0, units).Count(k => issue.Active[k] && issue.Dsi[k] > 0.3 && repeat.Dsi[k] > 0.3 && repeat.Preferred[k] == issue.Preferred[k]);
            double maxDsi = Enumerable.Range(0, units).Where(k => issue.Active[k]).Select(k => issue.Dsi[k]).DefaultIfEmpty(0).Max();
            if (copies == 2 && Environment.GetEnvironmentVariable("DSI_PAIRS") == "1")
                for (int k = 0; k < units / 2; k++)
                {
                    var a = m.Feature(k); var b2 = m.Feature(k + units / 2);
                    double cos = 0; for (int q = 0; q < a.Length; q++) cos += a[q] * b2[q];
                    double ga = 0, gb = 0; for (int d = 0; d < 8; d++) { ga += issue.MeanResponse[k, d] / 8; gb += issue.MeanResponse[k + units / 2, d] / 8; }
                    if (ga >= 0.01 || gb >= 0.01) Console.WriteLine($"    pair {k}: cos {cos:F3}, mean ĥ {ga:F3} / {gb:F3}, DSI {issue.Dsi[k]:F2} / {issue.Dsi[k + units / 2]:F2}");
                }
            Console.WriteLine($"{(nonNegative ? "x >= 0" : "Gaussian"),-10} {(learnR ? "learned" : "0"),-8} {final.LogEvidencePerFrame,11:F2} {F(issue),16} {F(strong),10} {F(allT),10} {F(prior),10} {F(mag),10} {maxDsi,10:F3} {F(bars),10} {reliable,9}");
        }
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
