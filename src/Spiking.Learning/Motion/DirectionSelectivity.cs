namespace Spiking.Motion;

/// <summary>What <see cref="DirectionSelectivity"/> averages per unit and frame.</summary>
public enum DirectionSelectivityResponse
{
    /// <summary>The inferred gate ĥ_j (the fraction of frames unit j is switched on): the measure, the default.</summary>
    Gate,

    /// <summary>The prior's prediction σ(a_j) = P(h_j = 1 | (ĥ∘x̂)^{t−1}) before the frame is seen: what R predicts.</summary>
    PriorProbability,

    /// <summary>|ĥ_j x̂_j|, the magnitude of the inferred response.</summary>
    Magnitude,
}

/// <summary>Direction tuning of a trained bgG-RNN measured with drifting gratings.</summary>
/// <param name="MeanResponse">Mean response (by default the gate ĥ) per unit and direction, [unit, direction].</param>
/// <param name="Dsi">(R_pref − R_opp)/(R_pref + R_opp) per unit; 0 for units that never switch on.</param>
/// <param name="Preferred">Direction index of each unit's largest mean response.</param>
/// <param name="Active">Whether a unit's mean response over all directions reaches the activity threshold.</param>
/// <param name="FractionSelective">Fraction of active units whose DSI exceeds the selectivity threshold (0 when none is active).</param>
public sealed record DirectionSelectivityResult(double[,] MeanResponse, double[] Dsi, int[] Preferred, bool[] Active, double FractionSelective)
{
    /// <summary>Number of active units.</summary>
    public int ActiveCount => Active.Count(a => a);
}

/// <summary>
/// Direction selectivity index per unit (Orban et al. 1986's DSI as used in the seed):
/// DSI = (R_pref − R_opp)/(R_pref + R_opp), with R the mean gate ĥ (the fraction of frames the unit
/// is switched on) to drifting gratings at each of the directions, averaged over sequences with
/// random phases and over frames after the first <see cref="SkipFrames"/> (the filter's transient).
/// The gate is used rather than |h∘x| because a grating drifting one way and the other way shows the
/// same set of images; only the gating prior, through R, can tell the two apart.
/// </summary>
public sealed class DirectionSelectivity(BgRnnParameters model)
{
    /// <summary>Frames at the start of each sequence left out of the means.</summary>
    public int SkipFrames { get; init; } = 3;

    /// <summary>A unit is active when its mean ĥ over all directions is at least this.</summary>
    public double ActivityThreshold { get; init; } = 0.01;

    /// <summary>The response averaged: the gate ĥ (default, the measure), the prior's σ(a), or |ĥ x̂|. Activity is always judged on ĥ.</summary>
    public DirectionSelectivityResponse Response { get; init; } = DirectionSelectivityResponse.Gate;

    /// <summary>A unit is direction selective when its DSI exceeds this.</summary>
    public double SelectivityThreshold { get; init; } = 0.3;

    /// <summary>DSI of two responses; 0 when both are 0.</summary>
    public static double Index(double preferred, double opposite)
        => preferred + opposite > 0 ? (preferred - opposite) / (preferred + opposite) : 0;

    /// <summary>
    /// Measures tuning with <paramref name="sequences"/> grating sequences per direction at
    /// <paramref name="speed"/> pixels per frame, drawn with <paramref name="seed"/> (sequence i has
    /// the same phase and noise stream for every direction).
    /// </summary>
    /// <param name="stimuli">Patch size, frames and noise (and the grating period).</param>
    /// <param name="speed">Pixels per frame.</param>
    /// <param name="sequences">Sequences per direction.</param>
    /// <param name="seed">Seed of the phases and noise.</param>
    /// <param name="kind">The stimulus: drifting gratings by default; moving bars or dots for comparison.</param>
    public DirectionSelectivityResult Measure(MotionStimulusOptions stimuli, double speed, int sequences, ulong seed, MotionStimulusKind kind = MotionStimulusKind.Grating)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequences, 1);
        if (stimuli.Pixels != model.Pixels) throw new ArgumentException($"stimuli have {stimuli.Pixels} pixels, the model {model.Pixels}");
        if (stimuli.Directions % 2 != 0) throw new ArgumentException("opposite directions need an even number of directions");
        int n = model.Units, dirs = stimuli.Directions, px = stimuli.Pixels;
        var filter = new BgRnnFilter(new MatchingPursuit(model));
        var frames = new double[stimuli.Frames * px];
        var mean = new double[n, dirs];
        var gate = new double[n, dirs];
        int counted = 0;
        for (int d = 0; d < dirs; d++)
        {
            counted = 0;
            for (int i = 0; i < sequences; i++)
            {
                MotionStimuli.Generate(seed, i, kind, d, speed, stimuli, frames);
                filter.Reset();
                for (int t = 0; t < stimuli.Frames; t++)
                {
                    filter.Step(frames.AsSpan(t * px, px));
                    if (t < SkipFrames) continue;
                    counted++;
                    var h = filter.H;
                    for (int k = 0; k < n; k++)
                    {
                        gate[k, d] += h[k];
                        mean[k, d] += Response switch
                        {
                            DirectionSelectivityResponse.PriorProbability => BgRnnLikelihood.Sigmoid(filter.Logits[k]),
                            DirectionSelectivityResponse.Magnitude => Math.Abs(h[k] * filter.X[k]),
                            _ => h[k],
                        };
                    }
                }
            }
            for (int k = 0; k < n; k++)
            {
                mean[k, d] /= Math.Max(counted, 1);
                gate[k, d] /= Math.Max(counted, 1);
            }
        }
        var dsi = new double[n];
        var pref = new int[n];
        var active = new bool[n];
        int selective = 0, activeCount = 0;
        for (int k = 0; k < n; k++)
        {
            int best = 0;
            double total = 0;
            for (int d = 0; d < dirs; d++)
            {
                total += gate[k, d];
                if (mean[k, d] > mean[k, best]) best = d;
            }
            pref[k] = best;
            dsi[k] = Index(mean[k, best], mean[k, (best + dirs / 2) % dirs]);
            active[k] = total / dirs >= ActivityThreshold;
            if (!active[k]) continue;
            activeCount++;
            if (dsi[k] > SelectivityThreshold) selective++;
        }
        return new DirectionSelectivityResult(mean, dsi, pref, active, activeCount > 0 ? (double)selective / activeCount : 0);
    }
}
