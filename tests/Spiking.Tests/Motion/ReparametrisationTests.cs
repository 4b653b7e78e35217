using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>
/// The seed's claim that an RNN x^t = W_0 y^t + R x^{t−1} reproduces a bank of spatiotemporal
/// filters, with R fitted by the lasso. The error is measured on held-out stimuli (seed 77, not used
/// anywhere else) over all frames and units: ‖x_rnn − x_filter‖ / ‖x_filter‖.
/// </summary>
public class ReparametrisationTests
{
    private const int Size = 16, Grid = 4, Orientations = 4, Lags = 12;

    private static double HeldOutError(LinearRnnReparametrisation rep, double[] r, int sequences = 6)
    {
        var stim = new MotionStimulusOptions { Size = Size, Frames = 30, NoiseSd = 0.1 };
        var frames = new double[stim.Frames * stim.Pixels];
        var a = new double[stim.Frames * rep.Units];
        var b = new double[a.Length];
        double num = 0, den = 0;
        for (int i = 0; i < sequences; i++)
        {
            MotionStimuli.Generate(77, i, stim, frames);
            rep.FilterResponses(frames, a);
            rep.RnnResponses(r, frames, b);
            for (int q = 0; q < a.Length; q++) { num += (a[q] - b[q]) * (a[q] - b[q]); den += a[q] * a[q]; }
        }
        return Math.Sqrt(num / den);
    }

    [Fact]
    public void An_exactly_shifting_bank_is_recovered_with_the_true_sparsity()
    {
        var bank = SpatiotemporalFilterBanks.Shifting(Size, Grid, Orientations, 3, 6, 0.7, Lags, out var rTrue);
        int n = SpatiotemporalFilterBanks.Units(Size, Grid, Orientations);
        var rep = new LinearRnnReparametrisation(bank, n, Size * Size);
        var r = rep.FitRecurrent(0.01 * rep.LambdaMax);
        for (int i = 0; i < r.Length; i++) Assert.Equal(rTrue[i] != 0, r[i] != 0);
        Assert.Equal(1 - 1.0 / n, LinearRnnReparametrisation.Sparsity(r), 12);
        // Measured 1.6% (of which 1.1% is the bank's truncation after 12 lags, 0.7^12 = 1.4%).
        double err = HeldOutError(rep, r);
        Assert.True(err < 0.03, $"relative response error {err}");
        // The true R reproduces the truncated bank up to the truncation alone.
        Assert.True(HeldOutError(rep, rTrue) < 0.015);
    }

    [Fact]
    public void A_drifting_gabor_bank_is_reproduced_within_ten_percent_by_a_sparse_R()
    {
        // Gabors (σ 3 px, period 6 px) drifting 1 px per lag and fading by 0.7 per lag are not of the form R^τ W_0
        // on a 4-px grid of centres; measured (docs/motion.md): λ/λmax 0.01 → sparsity 0.865, error 3.5%;
        // 0.03 → 0.924, 7.0%; 0.1 → 0.969, 15%.
        var bank = SpatiotemporalFilterBanks.Drifting(Size, Grid, Orientations, 3, 6, 1.0, 0.7, Lags);
        int n = SpatiotemporalFilterBanks.Units(Size, Grid, Orientations);
        var rep = new LinearRnnReparametrisation(bank, n, Size * Size);
        var r = rep.FitRecurrent(0.03 * rep.LambdaMax);
        double sparsity = LinearRnnReparametrisation.Sparsity(r);
        double err = HeldOutError(rep, r);
        Assert.True(sparsity > 0.90, $"sparsity {sparsity}");
        Assert.True(err < 0.10, $"relative response error {err}");
        // A much sparser R no longer reproduces it: the L1 weight trades sparsity for error.
        var sparser = rep.FitRecurrent(0.1 * rep.LambdaMax);
        Assert.True(LinearRnnReparametrisation.Sparsity(sparser) > sparsity);
        Assert.True(HeldOutError(rep, sparser) > err);
    }
}
