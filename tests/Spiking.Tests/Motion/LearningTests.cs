using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>The gradients of the bgG-RNN log joint density: the STDP-like rule and the W step.</summary>
public class LearningTests
{
    [Theory]
    // pre h_k x_k, post h_j, logit a_j, sign of ∂L/∂R_jk
    [InlineData(1.5, 1.0, 0.0, +1)]  // pre active, post on more often than predicted (1 > σ(0) = 0.5): potentiation
    [InlineData(1.5, 0.0, 0.0, -1)]  // pre active, post stayed off although predicted with 0.5: depression
    [InlineData(1.5, 1.0, 3.0, +1)]  // still potentiated when the prediction was high but below 1
    [InlineData(0.0, 1.0, 0.0, 0)]   // pre silent: no change
    [InlineData(-1.5, 1.0, 0.0, -1)] // a negative amplitude flips the sign (the rule sees h∘x)
    public void The_stdp_like_rule_potentiates_when_pre_active_and_post_fires_more_than_predicted(double pre, double post, double logit, int sign)
    {
        double g = BgRnnLearning.RecurrentGradient(pre, post, logit);
        Assert.Equal(sign, Math.Sign(g));
        Assert.Equal(pre * (post - 1 / (1 + Math.Exp(-logit))), g, 1e-15);
    }

    [Fact]
    public void The_recurrent_gradient_is_the_derivative_of_the_gate_log_prior()
    {
        int n = 6;
        var r = MotionTestData.Normal(n * n, 71);
        var b = MotionTestData.Normal(n, 72);
        double[] prev = [0.8, 0, -1.2, 0, 2.0, 0];
        double[] h = [1, 0, 0, 1, 1, 0];
        double Prior(double[] rr, double[] bb)
        {
            var a = new double[n];
            for (int j = 0; j < n; j++) { a[j] = bb[j]; for (int k = 0; k < n; k++) a[j] += rr[j * n + k] * prev[k]; }
            return BgRnnLikelihood.GateLogPrior(a, h);
        }
        var logits = new double[n];
        for (int j = 0; j < n; j++) { logits[j] = b[j]; for (int k = 0; k < n; k++) logits[j] += r[j * n + k] * prev[k]; }
        var gradR = new double[n * n];
        var gradB = new double[n];
        BgRnnLearning.AccumulateRecurrentGradient(prev, h, logits, gradR, gradB);
        const double eps = 1e-6;
        for (int i = 0; i < n * n; i++)
        {
            var rp = (double[])r.Clone(); rp[i] += eps;
            var rm = (double[])r.Clone(); rm[i] -= eps;
            Assert.Equal((Prior(rp, b) - Prior(rm, b)) / (2 * eps), gradR[i], 1e-7);
            Assert.Equal(BgRnnLearning.RecurrentGradient(prev[i % n], h[i / n], logits[i / n]), gradR[i], 1e-15);
        }
        for (int j = 0; j < n; j++)
        {
            var bp = (double[])b.Clone(); bp[j] += eps;
            var bm = (double[])b.Clone(); bm[j] -= eps;
            Assert.Equal((Prior(r, bp) - Prior(r, bm)) / (2 * eps), gradB[j], 1e-7);
        }
    }

    [Fact]
    public void The_feature_gradient_is_the_derivative_of_the_log_joint()
    {
        var p = new BgRnnParameters(10, 4, 1.2, 0.5);
        MotionTestData.Normal(p.W.Length, 81).CopyTo(p.W, 0);
        var y = MotionTestData.Normal(p.Pixels, 82);
        double[] h = [1, 0, 1, 1], x = [0.7, 0.3, -1.1, 0.4], logits = [0, 0, 0, 0];
        var grad = new double[p.W.Length];
        BgRnnLearning.AccumulateFeatureGradient(p, y, h, x, new double[p.Pixels], grad);
        const double eps = 1e-6;
        for (int i = 0; i < p.W.Length; i++)
        {
            double keep = p.W[i];
            p.W[i] = keep + eps; double up = BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x);
            p.W[i] = keep - eps; double down = BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x);
            p.W[i] = keep;
            Assert.Equal((up - down) / (2 * eps), grad[i], 1e-6);
        }
        Assert.All(grad.AsSpan(1 * p.Pixels, p.Pixels).ToArray(), g => Assert.Equal(0.0, g)); // unit 1 is off
    }
}
