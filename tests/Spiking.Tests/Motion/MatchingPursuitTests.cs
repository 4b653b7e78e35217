using MathNet.Numerics.LinearAlgebra;
using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>Matching-pursuit inference of one frame, against the closed forms and the directly computed log density.</summary>
public class MatchingPursuitTests
{
    private static BgRnnParameters Orthonormal(int pixels, int units, double tauX, double tauY)
    {
        var p = new BgRnnParameters(pixels, units, tauX, tauY);
        MotionTestData.Orthonormal(pixels, units, 5).CopyTo(p.W, 0);
        return p;
    }

    [Fact]
    public void Three_units_on_orthonormal_features_are_recovered_with_the_shrinkage_factor()
    {
        double tauX = 1, tauY = 0.1;
        var p = Orthonormal(32, 16, tauX, tauY);
        int[] units = [3, 7, 12];
        double[] amplitudes = [1.5, -2.0, 0.8];
        var y = new double[p.Pixels];
        for (int i = 0; i < 3; i++)
            for (int q = 0; q < p.Pixels; q++) y[q] += amplitudes[i] * p.W[units[i] * p.Pixels + q];
        var logits = Enumerable.Repeat(-3.0, p.Units).ToArray();
        var h = new double[p.Units];
        var x = new double[p.Units];
        var mp = new MatchingPursuit(p);
        double ll = mp.Infer(logits, y, h, x);

        // With orthonormal features c_k = a_k, so x_k = (a_k/τy²)/(1/τy² + 1/τx²) = a_k τx²/(τx² + τy²).
        double shrink = tauX * tauX / (tauX * tauX + tauY * tauY);
        for (int k = 0; k < p.Units; k++)
        {
            int i = Array.IndexOf(units, k);
            Assert.Equal(i >= 0 ? 1.0 : 0.0, h[k]);
            Assert.Equal(i >= 0 ? amplitudes[i] * shrink : 0.0, x[k], 1e-12);
        }
        Assert.Equal(3, mp.LastActive);
        Assert.Equal(BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x), ll, 1e-9);
    }

    [Fact]
    public void Every_accepted_step_increases_the_directly_computed_log_likelihood()
    {
        // Correlated (random, not orthogonal) features and a noisy frame, so the pursuit re-selects units.
        var p = new BgRnnParameters(64, 40, 1.5, 0.3);
        MotionTestData.Normal(p.W.Length, 41).CopyTo(p.W, 0);
        BgRnnLearning.NormaliseColumns(p, 1);
        var y = MotionTestData.Normal(p.Pixels, 42);
        var logits = MotionTestData.Normal(p.Units, 43).Select(v => v - 2).ToArray();
        var h = new double[p.Units];
        var x = new double[p.Units];
        var mp = new MatchingPursuit(p);
        mp.Infer(logits, y, h, x);
        int steps = mp.LastSteps;
        Assert.True(steps >= 4, $"only {steps} steps");
        double previous = BgRnnLikelihood.FrameLogJoint(p, logits, y, new double[p.Units], new double[p.Units]);
        for (int s = 1; s <= steps; s++)
        {
            mp.MaxSteps = s;
            double reported = mp.Infer(logits, y, h, x);
            double direct = BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x);
            Assert.Equal(direct, reported, 1e-8);
            Assert.True(direct > previous, $"step {s}: {direct} <= {previous}");
            previous = direct;
        }

        // At the end no single switch-on (at the best amplitude, found here by brute force on a fine grid) increases it.
        for (int k = 0; k < p.Units; k++)
        {
            if (h[k] != 0) continue;
            var h2 = (double[])h.Clone();
            var x2 = (double[])x.Clone();
            h2[k] = 1;
            for (double a = -5; a <= 5; a += 0.01)
            {
                x2[k] = a;
                Assert.True(BgRnnLikelihood.FrameLogJoint(p, logits, y, h2, x2) <= previous + 1e-9, $"switching on unit {k} at {a} would increase it");
            }
        }
    }

    [Fact]
    public void The_frame_log_evidence_is_the_gaussian_marginal_computed_densely()
    {
        // log N(y; 0, τy² I + τx² W_A W_Aᵀ) + gate log prior, evaluated with a dense Cholesky of the covariance.
        var p = new BgRnnParameters(20, 8, 1.3, 0.4);
        MotionTestData.Normal(p.W.Length, 51).CopyTo(p.W, 0);
        var y = MotionTestData.Normal(p.Pixels, 52);
        var logits = MotionTestData.Normal(p.Units, 53);
        double[] h = [1, 0, 1, 1, 0, 0, 1, 0];
        var cov = Matrix<double>.Build.DenseIdentity(p.Pixels) * (p.TauY * p.TauY);
        for (int k = 0; k < p.Units; k++)
        {
            if (h[k] == 0) continue;
            var w = Vector<double>.Build.DenseOfArray(p.W.AsSpan(k * p.Pixels, p.Pixels).ToArray());
            cov += w.OuterProduct(w) * (p.TauX * p.TauX);
        }
        var yv = Vector<double>.Build.DenseOfArray(y);
        var chol = cov.Cholesky();
        double expected = -0.5 * (p.Pixels * Math.Log(2 * Math.PI) + chol.DeterminantLn + yv.DotProduct(chol.Solve(yv)))
                          + BgRnnLikelihood.GateLogPrior(logits, h);
        Assert.Equal(expected, BgRnnLikelihood.FrameLogEvidence(p, logits, y, h), 1e-9);
    }

    [Fact]
    public void Infer_allocates_nothing_per_frame()
    {
        var p = new BgRnnParameters(256, 256, 2, 0.3);
        MotionTestData.Normal(p.W.Length, 61).CopyTo(p.W, 0);
        BgRnnLearning.NormaliseColumns(p, 1);
        var mp = new MatchingPursuit(p);
        var y = MotionTestData.Normal(p.Pixels, 62);
        var logits = Enumerable.Repeat(-3.0, p.Units).ToArray();
        var h = new double[p.Units];
        var x = new double[p.Units];
        mp.Infer(logits, y, h, x);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) mp.Infer(logits, y, h, x);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
