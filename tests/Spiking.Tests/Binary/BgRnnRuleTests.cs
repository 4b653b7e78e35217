using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Plasticity;
using Xunit.Abstractions;
using static Spiking.Tests.Binary.BinarySpecs;

namespace Spiking.Tests.Binary;

/// <summary>
/// The bgrnn rule, ΔW_jk = η·out_k^(t−1)·(h_j^t − p_j^t): its formula, its timing in the kernel
/// against a replay written here, and maximum-likelihood recovery of a known bgG-RNN.
/// </summary>
public class BgRnnRuleTests(ITestOutputHelper output)
{
    [Fact]
    public void Delta_is_eta_times_previous_presynaptic_output_times_surprise_with_decay_and_proximal_l1()
    {
        Assert.Equal(0.1 * 0.7 * (1 - 0.2), BgRnnRule.Delta(0.7, 1, 0.2, 0.1), 1e-15);   // on more than predicted: up
        Assert.Equal(0.1 * 0.7 * (0 - 0.2), BgRnnRule.Delta(0.7, 0, 0.2, 0.1), 1e-15);   // off while predicted on: down
        Assert.Equal(0.1 * -0.7 * (1 - 0.2), BgRnnRule.Delta(-0.7, 1, 0.2, 0.1), 1e-15); // negative amplitude flips the sign
        Assert.Equal(0.0, BgRnnRule.Delta(0, 1, 0.2, 0.1));                              // silent pre: nothing
        // L2 decay: w − η·λ₂·w on top of the gradient step.
        Assert.Equal(0.5 + 0.1 * 0.7 * 0.8 - 0.1 * 0.2 * 0.5, BgRnnRule.Next(0.5, 0.7, 1, 0.2, 0.1, 0.2, 0), 1e-15);
        // L1, proximal: |w| shrinks by η·λ₁ = 0.02 and stops at 0.
        Assert.Equal(-0.48, BgRnnRule.Next(-0.5, 0, 1, 0.3, 0.1, 0, 0.2), 1e-15);
        Assert.Equal(0.0, BgRnnRule.Next(0.01, 0, 1, 0.3, 0.1, 0, 0.2));
        Assert.Equal(0.0, BgRnnRule.Next(-0.015, 0, 1, 0.3, 0.1, 0, 0.2));
    }

    /// <summary>
    /// Paired pre/post activity, clamped through the inference hook: 3 binary_gated pre units and 2
    /// post units (bias 0.2) with gates and positive amplitudes drawn here, all-to-all weights 0.3,
    /// η = 0.05, delay D steps. A replay written here computes a_j^t = Σ_k w_jk·out_k^(t−1−D) + b with the
    /// float32 weights that propagation read when that output left (updated through step t − 1 − D),
    /// p = σ(a), and
    /// w_jk += η·out_k^(t−1−D)·(h_j^t − p_j^t). After every step the logits the hook saw and every
    /// weight must equal the replay to 1e-12; every weight change must be up when the pre unit was
    /// active and the post unit turned on (h = 1, p &lt; 1), down when it stayed off (h = 0, p &gt; 0), and
    /// exactly nothing when the pre unit was silent.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Rule_changes_each_weight_by_the_formula_at_the_kernel_timing(int delay)
    {
        const int nPre = 3, nPost = 2, steps = 60;
        const double eta = 0.05, bias = 0.2, w0 = 0.3;
        var rng = new System.Random(42 + delay);
        double[][] Gates(int n) => Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray()).ToArray();
        double[][] Amplitudes(int n) => Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, n).Select(_ => 0.5 + rng.NextDouble()).ToArray()).ToArray();
        var hPre = Gates(nPre); var xPre = Amplitudes(nPre); var hPost = Gates(nPost); var xPost = Amplitudes(nPost);

        var spec = new NetworkSpec(new SimulationSpec(1, steps, 1, 1),
            [Population("pre", "binary_gated", nPre), Population("post", "binary_gated", nPost, ("bias", bias))],
            [new ProjectionSpec("syn", "pre", "post", "in", new AllToAllConnector(), new ConstantValue(w0), new ConstantValue(delay)) { Plasticity = BgRnn(eta) }],
            [], []);
        var net = Network.Build(spec);
        using var sim = new Simulator(net, 1);
        var postHook = new SequenceInference(hPost, xPost);
        sim.SetInference("pre", new SequenceInference(hPre, xPre));
        sim.SetInference("post", postHook);
        var rule = sim.Plasticity("syn")!;
        var table = net.Projections[0].Synapses;
        int Synapse(int k, int j) => Enumerable.Range((int)table.RowStart[k], (int)(table.RowStart[k + 1] - table.RowStart[k])).Single(s => table.Target[s] == j);

        var w = new double[nPost, nPre];
        for (int j = 0; j < nPost; j++) for (int k = 0; k < nPre; k++) w[j, k] = (float)w0;
        var sent = new List<double[,]>(); // per step, the weights its output travelled with (after that step's update)
        int up = 0, down = 0, silent = 0;
        for (int t = 0; t < steps; t++)
        {
            var before = rule.Weights.ToArray();
            sim.Run(1);
            var drive = new double[nPre];
            if (t - 1 - delay >= 0) for (int k = 0; k < nPre; k++) drive[k] = hPre[t - 1 - delay][k] * xPre[t - 1 - delay][k];
            for (int j = 0; j < nPost; j++)
            {
                double a = bias;
                for (int k = 0; k < nPre; k++) a += t - 1 - delay >= 0 ? (float)sent[t - 1 - delay][j, k] * drive[k] : 0;
                double p = Sigma(a);
                Assert.Equal(a, postHook.Logits[t][j], 1e-12);
                for (int k = 0; k < nPre; k++)
                {
                    w[j, k] += eta * drive[k] * (hPost[t][j] - p);
                    int s = Synapse(k, j);
                    Assert.Equal(w[j, k], rule.Weights[s], 1e-12);
                    double change = rule.Weights[s] - before[s];
                    if (drive[k] == 0) { Assert.Equal(before[s], rule.Weights[s]); silent++; }
                    else if (hPost[t][j] == 1) { Assert.True(change > 0, $"step {t}: pre {k} active, post {j} on, Δw {change}"); up++; }
                    else { Assert.True(change < 0, $"step {t}: pre {k} active, post {j} off, Δw {change}"); down++; }
                }
            }
            sent.Add((double[,])w.Clone());
        }
        output.WriteLine($"delay {delay}: {up} potentiations, {down} depressions, {silent} unchanged (silent pre)");
        Assert.True(up > 20 && down > 20 && silent > 20);
    }

    /// <summary>
    /// Maximum-likelihood recovery: a bgG-RNN of 16 units with a sparse R_true (20 % of entries, ±U(1, 2.5))
    /// and b_true ~ U(−2, −0.5), τ_x = 1, is sampled here with System.Random for 40000 steps. The network
    /// (binary_gated, recurrent all-to-all projection from 0, biases from a rate_input unit held at 1,
    /// both with bgrnn, η = 0.02) is clamped to the sequence through the hook; online logistic regression
    /// must recover R: correlation of learned and true entries above 0.9, biases within 0.5.
    /// </summary>
    [Fact]
    public void Learning_from_clamped_sequences_recovers_a_known_sparse_recurrent_matrix_and_biases()
    {
        const int n = 16, steps = 40_000;
        const double eta = 0.02;
        var rng = new System.Random(2024);
        var rTrue = new double[n, n];
        var bTrue = new double[n];
        for (int j = 0; j < n; j++)
        {
            bTrue[j] = -2 + 1.5 * rng.NextDouble();
            for (int k = 0; k < n; k++)
                if (rng.NextDouble() < 0.2) rTrue[j, k] = (rng.NextDouble() < 0.5 ? -1 : 1) * (1 + 1.5 * rng.NextDouble());
        }
        var h = new double[steps][]; var x = new double[steps][];
        var previous = new double[n];
        for (int t = 0; t < steps; t++)
        {
            h[t] = new double[n]; x[t] = new double[n];
            for (int j = 0; j < n; j++)
            {
                double a = bTrue[j];
                for (int k = 0; k < n; k++) a += rTrue[j, k] * previous[k];
                h[t][j] = rng.NextDouble() < Sigma(a) ? 1 : 0;
                x[t][j] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            }
            for (int k = 0; k < n; k++) previous[k] = h[t][k] * x[t][k];
        }

        var spec = new NetworkSpec(new SimulationSpec(1, steps, 1, 1),
            [Population("net", "binary_gated", n), Population("one", "rate_input", 1)],
            [
                new ProjectionSpec("R", "net", "net", "in", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)) { Plasticity = BgRnn(eta) },
                new ProjectionSpec("b", "one", "net", "in", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)) { Plasticity = BgRnn(eta) },
            ],
            [Hold("on", "one", 1)], []);
        var net = Network.Build(spec);
        using var sim = new Simulator(net, 1);
        sim.SetInference("net", new SequenceInference(h, x) { KeepLogits = false });
        sim.Run();

        var table = net.Projections[0].Synapses; var learned = sim.Plasticity("R")!.Weights;
        var pairs = new List<(double True, double Learned)>();
        for (int k = 0; k < n; k++)
            for (long s = table.RowStart[k]; s < table.RowStart[k + 1]; s++) pairs.Add((rTrue[table.Target[s], k], learned[(int)s]));
        Assert.Equal(n * n, pairs.Count);
        double mt = pairs.Average(q => q.True), ml = pairs.Average(q => q.Learned);
        double cov = pairs.Sum(q => (q.True - mt) * (q.Learned - ml));
        double corr = cov / Math.Sqrt(pairs.Sum(q => (q.True - mt) * (q.True - mt)) * pairs.Sum(q => (q.Learned - ml) * (q.Learned - ml)));
        var biasTable = net.Projections[1].Synapses; var bLearned = sim.Plasticity("b")!.Weights;
        double worstBias = Enumerable.Range(0, n).Max(s => Math.Abs(bLearned[s] - bTrue[biasTable.Target[s]]));
        double rms = Math.Sqrt(pairs.Average(q => (q.True - q.Learned) * (q.True - q.Learned)));
        output.WriteLine($"correlation of learned and true R {corr:F4}, rms error {rms:F3}; largest bias error {worstBias:F3}");
        Assert.True(corr > 0.9, $"correlation {corr}");
        Assert.True(worstBias < 0.5, $"bias error {worstBias}");
    }
}
