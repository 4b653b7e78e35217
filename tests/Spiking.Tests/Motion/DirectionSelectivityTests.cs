using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>
/// What the DSI measure can see. With direction-agnostic features the frames of a grating drifting
/// either way are the same set, so the gates can only differ between directions where the prior breaks
/// a tie between equally good explanations. A hand-built x ≥ 0 model with two copies of every
/// grating-phase feature, one fed by the phase ahead and one by the phase behind, is direction
/// selective through R; the same model with R = 0 is not.
/// </summary>
public class DirectionSelectivityTests
{
    private static readonly MotionStimulusOptions Stimuli = new() { Size = 8, Frames = 12, NoiseSd = 0.1, GratingPeriod = 4 };

    // Units: (orientation o, phase i, copy c) -> index (c * 4 + o) * 4 + i; feature cos(k q_o + 2π i/4) normalised.
    private static BgRnnParameters ChainModel(double weight)
    {
        const int orientations = 4, phases = 4;
        int s = Stimuli.Size, px = Stimuli.Pixels, n = 2 * orientations * phases;
        var p = new BgRnnParameters(px, n, 3, 0.3) { NonNegative = true };
        double centre = (s - 1) / 2.0, k = 2 * Math.PI / Stimuli.GratingPeriod;
        int Unit(int c, int o, int i) => (c * orientations + o) * phases + ((i % phases) + phases) % phases;
        for (int c = 0; c < 2; c++)
            for (int o = 0; o < orientations; o++)
            {
                double theta = 2 * Math.PI * o / Stimuli.Directions, ux = Math.Cos(theta), uy = Math.Sin(theta);
                for (int i = 0; i < phases; i++)
                {
                    var f = p.Feature(Unit(c, o, i));
                    for (int r = 0; r < s; r++)
                        for (int col = 0; col < s; col++)
                            f[r * s + col] = Math.Cos(k * (ux * (col - centre) + uy * (r - centre)) + 2 * Math.PI * i / phases);
                    // Copy 0 of phase i is fed by both copies of phase i + 1 (phase decreasing: motion along +u_o),
                    // copy 1 by both copies of phase i − 1 (motion along −u_o).
                    for (int from = 0; from < 2; from++)
                        p.R[Unit(c, o, i) * n + Unit(from, o, c == 0 ? i + 1 : i - 1)] = weight;
                }
            }
        BgRnnLearning.NormaliseColumns(p, 1);
        Array.Fill(p.B, -3.0);
        return p;
    }

    [Fact]
    public void Duplicated_features_chained_by_R_are_direction_selective_and_without_R_they_are_not()
    {
        var chained = new DirectionSelectivity(ChainModel(1.0)).Measure(Stimuli, 1.0, 16, 2);
        var unchained = new DirectionSelectivity(ChainModel(0.0)).Measure(Stimuli, 1.0, 16, 2);
        Assert.True(chained.ActiveCount >= 24, $"{chained.ActiveCount} active units");
        Assert.True(chained.FractionSelective > 0.9, $"chained: {chained.FractionSelective}");
        // Without R the first copy wins every tie (lowest index), in both directions: no unit is selective.
        Assert.True(unchained.FractionSelective < 0.1, $"R = 0: {unchained.FractionSelective}");
        // The prior's prediction σ(a) is not selective even here: copy 0 of phase i is predicted whenever phase i + 1
        // was on, and every phase is on in both directions. σ(a) is a function of the previous state, which only says
        // which phases were on; direction lives in the transition, i.e. in which copy wins the next tie.
        var prior = new DirectionSelectivity(ChainModel(1.0)) { Response = DirectionSelectivityResponse.PriorProbability }.Measure(Stimuli, 1.0, 16, 2);
        Assert.True(prior.FractionSelective < 0.1, $"σ(a): {prior.FractionSelective}");
        var flat = new DirectionSelectivity(ChainModel(0.0)) { Response = DirectionSelectivityResponse.PriorProbability }.Measure(Stimuli, 1.0, 16, 2);
        Assert.All(flat.Dsi, v => Assert.Equal(0.0, v, 12));
    }
}
