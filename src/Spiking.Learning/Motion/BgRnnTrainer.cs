using Spiking.Random;

namespace Spiking.Motion;

/// <summary>
/// Online EM-style learning of a bgG-RNN (seed 000): the E step is greedy filtering with matching
/// pursuit (<see cref="BgRnnFilter"/>); the M step is one SGD step per batch of sequences on the log
/// joint density at the inferred state: W along (y − Wŝ)ŝᵀ with columns rescaled to
/// <see cref="BgRnnTrainingOptions.FeatureNorm"/> afterwards, R by the STDP-like rule and b by
/// h − σ(a) (<see cref="BgRnnLearning"/>). Deterministic for given options and sources.
/// </summary>
public sealed class BgRnnTrainer
{
    private readonly BgRnnTrainingOptions _o;
    private readonly MatchingPursuit _pursuit;
    private readonly BgRnnFilter _filter;
    private readonly double[] _gradW, _gradR, _gradB, _residual;

    /// <summary>A model for <paramref name="pixels"/>-pixel frames: W random (unit-variance Gaussian columns scaled to the feature norm), R = 0, b = the initial bias.</summary>
    public BgRnnTrainer(int pixels, BgRnnTrainingOptions options)
    {
        _o = options ?? throw new ArgumentNullException(nameof(options));
        _o.Validate();
        int n = _o.Units;
        Model = new BgRnnParameters(pixels, n, _o.TauX, _o.TauY) { NonNegative = _o.NonNegativeAmplitudes };
        for (int k = 0; k < n; k++)
        {
            int drawn = k % (n / _o.FeatureCopies);
            var rng = new PhiloxStream(_o.Seed, StreamKind.InitialState, MotionStimuli.StreamObject + 3, (uint)drawn);
            var col = Model.Feature(k);
            for (int i = 0; i < pixels; i++) col[i] = rng.NextNormal();
        }
        BgRnnLearning.NormaliseColumns(Model, _o.FeatureNorm);
        Array.Fill(Model.B, _o.InitialBias);
        _pursuit = new MatchingPursuit(Model);
        _filter = new BgRnnFilter(_pursuit);
        _gradW = new double[pixels * n];
        _gradR = new double[n * n];
        _gradB = new double[n];
        _residual = new double[pixels];
    }

    /// <summary>The model being trained (its arrays change in place).</summary>
    public BgRnnParameters Model { get; }

    /// <summary>The options.</summary>
    public BgRnnTrainingOptions Options => _o;

    /// <summary>Training sequences seen so far.</summary>
    public int SequencesSeen { get; private set; }

    /// <summary>
    /// Trains on sequences 0 .. TrainSequences−1 of <paramref name="train"/>, evaluating on the first
    /// HeldOutSequences of <paramref name="heldOut"/> before training and at each checkpoint.
    /// </summary>
    public IReadOnlyList<BgRnnEvaluation> Train(ISequenceSource train, ISequenceSource heldOut, Action<BgRnnEvaluation>? onCheckpoint = null)
    {
        CheckSource(train);
        CheckSource(heldOut);
        var checkpoints = new List<BgRnnEvaluation>();
        void Checkpoint()
        {
            var e = Evaluate(heldOut, _o.HeldOutSequences);
            checkpoints.Add(e);
            onCheckpoint?.Invoke(e);
        }
        Checkpoint();
        int total = _o.TrainSequences;
        var marks = new SortedSet<int>();
        for (int c = 1; c <= _o.Checkpoints; c++) marks.Add((int)Math.Round((double)total * c / _o.Checkpoints));
        var frames = new double[train.Frames * train.Pixels];
        int start = SequencesSeen;
        while (SequencesSeen < start + total)
        {
            int batch = Math.Min(_o.BatchSequences, start + total - SequencesSeen);
            TrainBatch(train, SequencesSeen, batch, frames);
            SequencesSeen += batch;
            // A checkpoint when a mark falls within this batch.
            if (marks.GetViewBetween(SequencesSeen - start - batch + 1, SequencesSeen - start).Count > 0) Checkpoint();
        }
        return checkpoints;
    }

    /// <summary>One SGD step on sequences <paramref name="first"/> .. first + count − 1 of <paramref name="source"/>.</summary>
    public void TrainBatch(ISequenceSource source, int first, int count, double[]? workspace = null)
    {
        CheckSource(source);
        int px = source.Pixels, n = Model.Units;
        var frames = workspace ?? new double[source.Frames * px];
        Array.Clear(_gradW);
        Array.Clear(_gradR);
        Array.Clear(_gradB);
        double ty2 = Model.TauY * Model.TauY;
        int seen = 0;
        for (int s = first; s < first + count; s++)
        {
            source.Sequence(s, frames);
            _filter.Reset();
            for (int t = 0; t < source.Frames; t++)
            {
                var frame = frames.AsSpan(t * px, px);
                _filter.Step(frame);
                BgRnnLearning.AccumulateFeatureGradient(Model, frame, _filter.H, _filter.X, _residual, _gradW, ty2);
                if (_o.LearnRecurrent)
                    BgRnnLearning.AccumulateRecurrentGradient(_filter.Previous, _filter.H, _filter.Logits, _gradR, _gradB);
                else
                    for (int j = 0; j < n; j++) _gradB[j] += _filter.H[j] - BgRnnLikelihood.Sigmoid(_filter.Logits[j]);
                seen++;
            }
        }
        double scale = 1.0 / seen;
        if (_o.LearningRateW > 0)
        {
            if (_o.FeatureCopies > 1)
            {
                // Tied copies: every copy of a feature gets the summed gradient of all its copies.
                int distinct = n / _o.FeatureCopies;
                for (int k = 0; k < distinct; k++)
                {
                    var sum = _gradW.AsSpan(k * px, px);
                    for (int c = 1; c < _o.FeatureCopies; c++) MatchingPursuit.AddScaled(sum, 1, _gradW.AsSpan((k + c * distinct) * px, px));
                    for (int c = 1; c < _o.FeatureCopies; c++) sum.CopyTo(_gradW.AsSpan((k + c * distinct) * px, px));
                }
            }
            MatchingPursuit.AddScaled(Model.W, _o.LearningRateW * scale, _gradW);
            BgRnnLearning.NormaliseColumns(Model, _o.FeatureNorm);
        }
        if (_o.LearnRecurrent && _o.LearningRateR > 0) MatchingPursuit.AddScaled(Model.R, _o.LearningRateR * scale, _gradR);
        MatchingPursuit.AddScaled(Model.B, _o.LearningRateB * scale, _gradB);
        _pursuit.Refresh();
    }

    /// <summary>Scores the current model on sequences 0 .. count−1 of <paramref name="source"/>.</summary>
    public BgRnnEvaluation Evaluate(ISequenceSource source, int count) => Evaluate(Model, source, count, SequencesSeen);

    /// <summary>
    /// Scores <paramref name="model"/> on sequences 0 .. count−1 of <paramref name="source"/>;
    /// <paramref name="gates"/> and <paramref name="amplitudes"/>, when given, receive ĥ and x̂ of every
    /// frame ([sequence × frame, unit], row-major).
    /// </summary>
    public static BgRnnEvaluation Evaluate(BgRnnParameters model, ISequenceSource source, int count, int sequencesSeen = 0,
        double[]? gates = null, double[]? amplitudes = null)
    {
        int px = source.Pixels, n = model.Units;
        if (px != model.Pixels) throw new ArgumentException($"the sequences have {px} pixels per frame, the model {model.Pixels}");
        long rows = (long)count * source.Frames;
        if (gates is not null && gates.LongLength != rows * n) throw new ArgumentException($"gates must hold {rows} x {n} values");
        if (amplitudes is not null && amplitudes.LongLength != rows * n) throw new ArgumentException($"amplitudes must hold {rows} x {n} values");
        var filter = new BgRnnFilter(new MatchingPursuit(model));
        var frames = new double[source.Frames * px];
        var residual = new double[px];
        double evidence = 0, joint = 0, prior = 0, active = 0, rr = 0, yy = 0;
        long row = 0;
        for (int s = 0; s < count; s++)
        {
            source.Sequence(s, frames);
            filter.Reset();
            for (int t = 0; t < source.Frames; t++, row++)
            {
                var frame = frames.AsSpan(t * px, px);
                joint += filter.Step(frame);
                evidence += BgRnnLikelihood.FrameLogEvidence(model, filter.Logits, frame, filter.H);
                prior += BgRnnLikelihood.GateLogPrior(filter.Logits, filter.H);
                active += filter.Pursuit.LastActive;
                BgRnnLearning.Residual(model, frame, filter.H, filter.X, residual);
                rr += MatchingPursuit.Dot(residual, residual);
                yy += MatchingPursuit.Dot(frame, frame);
                if (gates is not null) filter.H.CopyTo(gates.AsSpan((int)(row * n), n));
                if (amplitudes is not null) filter.X.CopyTo(amplitudes.AsSpan((int)(row * n), n));
            }
        }
        double f = Math.Max(rows, 1);
        return new BgRnnEvaluation(sequencesSeen, evidence / f, joint / f, prior / f, active / f, yy > 0 ? rr / yy : 0);
    }

    private void CheckSource(ISequenceSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Pixels != Model.Pixels) throw new ArgumentException($"the sequences have {source.Pixels} pixels per frame, the model {Model.Pixels}");
        if (source.Frames < 1) throw new ArgumentException("sequences need at least one frame");
    }
}
