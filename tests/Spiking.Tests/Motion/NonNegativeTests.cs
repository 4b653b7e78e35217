using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>
/// The sign-constrained variant (x ≥ 0, half-normal prior; <see cref="BgRnnParameters.NonNegative"/>):
/// matching pursuit respects the constraint and climbs the matching log joint, and the held-out
/// evidence is the joint integrated over the orthant.
/// </summary>
public class NonNegativeTests
{
    [Fact]
    public void Positive_components_are_recovered_and_a_negative_one_is_left_unexplained()
    {
        double tauX = 1, tauY = 0.1;
        var p = new BgRnnParameters(32, 16, tauX, tauY) { NonNegative = true };
        MotionTestData.Orthonormal(32, 16, 5).CopyTo(p.W, 0);
        int[] units = [3, 7, 12, 5];
        double[] amplitudes = [1.5, 2.0, 0.8, -1.0];
        var y = new double[p.Pixels];
        for (int i = 0; i < units.Length; i++)
            for (int q = 0; q < p.Pixels; q++) y[q] += amplitudes[i] * p.W[units[i] * p.Pixels + q];
        var logits = Enumerable.Repeat(-3.0, p.Units).ToArray();
        var h = new double[p.Units];
        var x = new double[p.Units];
        var mp = new MatchingPursuit(p);
        double ll = mp.Infer(logits, y, h, x);
        double shrink = tauX * tauX / (tauX * tauX + tauY * tauY);
        for (int k = 0; k < p.Units; k++)
        {
            int i = Array.IndexOf(units, k);
            bool on = i >= 0 && amplitudes[i] > 0;
            Assert.Equal(on ? 1.0 : 0.0, h[k]);
            Assert.Equal(on ? amplitudes[i] * shrink : 0.0, x[k], 1e-12);
        }
        Assert.Equal(BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x), ll, 1e-9);

        // The seed's Gaussian model explains the negative component too.
        p.NonNegative = false;
        mp.Refresh();
        mp.Infer(logits, y, h, x);
        Assert.Equal(1.0, h[5]);
        Assert.Equal(-1.0 * shrink, x[5], 1e-12);
    }

    [Fact]
    public void Every_step_increases_the_log_joint_and_the_end_is_optimal_on_the_orthant()
    {
        // Correlated random features and a noisy frame; seeds picked (among the first 200) so that a re-fit hits the bound x = 0.
        var p = new BgRnnParameters(64, 40, 1.5, 0.3) { NonNegative = true };
        MotionTestData.Normal(p.W.Length, 1621).CopyTo(p.W, 0);
        BgRnnLearning.NormaliseColumns(p, 1);
        var y = MotionTestData.Normal(p.Pixels, 1622);
        var logits = MotionTestData.Normal(p.Units, 1623).Select(v => v - 2).ToArray();
        var h = new double[p.Units];
        var x = new double[p.Units];
        var mp = new MatchingPursuit(p);
        mp.Infer(logits, y, h, x);
        int steps = mp.LastSteps;
        Assert.True(steps > mp.LastActive, $"{steps} steps for {mp.LastActive} units: no re-fit happened");
        double previous = BgRnnLikelihood.FrameLogJoint(p, logits, y, new double[p.Units], new double[p.Units]);
        bool clamped = false;
        for (int s = 1; s <= steps; s++)
        {
            mp.MaxSteps = s;
            double reported = mp.Infer(logits, y, h, x);
            double direct = BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x);
            Assert.All(x, v => Assert.True(v >= 0));
            for (int k = 0; k < p.Units; k++) clamped |= h[k] != 0 && x[k] == 0;
            Assert.Equal(direct, reported, 1e-8);
            Assert.True(direct > previous, $"step {s}: {direct} <= {previous}");
            previous = direct;
        }
        Assert.True(clamped, "no re-fit stopped at the bound x = 0 (the case under test)");

        // Brute force on a 0.01 grid over x_k in [0, 5]: no switch-on and no single active amplitude change increases it.
        for (int k = 0; k < p.Units; k++)
        {
            var h2 = (double[])h.Clone();
            var x2 = (double[])x.Clone();
            h2[k] = 1;
            for (double a = 0; a <= 5; a += 0.01)
            {
                x2[k] = a;
                Assert.True(BgRnnLikelihood.FrameLogJoint(p, logits, y, h2, x2) <= previous + 1e-9, $"unit {k} at {a} would increase it");
            }
        }
        x[Array.FindIndex(h, v => v != 0)] = -0.01;
        Assert.Equal(double.NegativeInfinity, BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_evidence_is_the_log_joint_integrated_over_the_orthant(int active)
    {
        // log ∫_{x_A ≥ 0} exp(log joint) dx_A by the trapezoid rule on a grid, against FrameLogEvidence.
        var p = new BgRnnParameters(20, 6, 1.3, 0.6) { NonNegative = true };
        MotionTestData.Normal(p.W.Length, 71).CopyTo(p.W, 0);
        BgRnnLearning.NormaliseColumns(p, 1);
        var y = MotionTestData.Normal(p.Pixels, 72);
        var logits = MotionTestData.Normal(p.Units, 73);
        var h = new double[p.Units];
        int[] act = [0, 2, 5];
        for (int i = 0; i < active; i++) h[act[i]] = 1;
        int n = active == 3 ? 110 : 500;
        double upper = 4.0, step = upper / (n - 1);
        var x = new double[p.Units];
        var logs = new List<double>();
        var idx = new int[active];
        while (true)
        {
            double weight = 1;
            for (int i = 0; i < active; i++)
            {
                x[act[i]] = idx[i] * step;
                if (idx[i] == 0 || idx[i] == n - 1) weight *= 0.5;
            }
            logs.Add(BgRnnLikelihood.FrameLogJoint(p, logits, y, h, x) + Math.Log(weight * Math.Pow(step, active)));
            int d = 0;
            while (d < active && ++idx[d] == n) idx[d++] = 0;
            if (d == active) break;
        }
        double max = logs.Max();
        double integral = max + Math.Log(logs.Sum(v => Math.Exp(v - max)));
        double evidence = BgRnnLikelihood.FrameLogEvidence(p, logits, y, h);
        Assert.Equal(integral, evidence, active == 3 ? 5e-3 : 2e-3);
        // ... and it differs from the Gaussian prior's evidence (the orthant matters here).
        p.NonNegative = false;
        Assert.True(Math.Abs(BgRnnLikelihood.FrameLogEvidence(p, logits, y, h) - evidence) > 0.05);
    }
}
