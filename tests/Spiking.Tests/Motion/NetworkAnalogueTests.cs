using Spiking.Motion;
using Xunit.Abstractions;

namespace Spiking.Tests.Motion;

/// <summary>
/// The bgG-RNN run as a network of the simulator (<see cref="BgRnnNetwork"/>: binary_gated units, R
/// and b learned by the kernel's bgrnn rule, matching pursuit as the inference hook) against the
/// standalone trainer on the same training data, seed and learning rates.
/// </summary>
public class NetworkAnalogueTests(ITestOutputHelper output)
{
    private static readonly MotionStimulusOptions Stimuli = new() { Size = 8, Frames = 12, NoiseSd = 0.1, GratingPeriod = 4 };

    private static BgRnnTrainingOptions Options(int sequences) => new()
    {
        Units = 64, TauX = 3, TauY = 0.3, LearningRateW = 0.05, LearningRateR = 0.5, LearningRateB = 0.05,
        TrainSequences = sequences, Checkpoints = 1, HeldOutSequences = 20, BatchSequences = 1,
    };

    private static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void The_network_learns_the_R_of_the_standalone_algorithm()
    {
        var train = new GeneratedSequences(1, Stimuli);
        var heldOut = new GeneratedSequences(2, Stimuli);
        var o = Options(3000);

        var standalone = new BgRnnTrainer(Stimuli.Pixels, o);
        standalone.Train(train, heldOut);
        var network = new BgRnnNetwork(train, o).Train();
        var zero = new BgRnnTrainer(Stimuli.Pixels, o with { LearnRecurrent = false });
        zero.Train(train, heldOut);

        var es = BgRnnTrainer.Evaluate(standalone.Model, heldOut, o.HeldOutSequences);
        var en = BgRnnTrainer.Evaluate(network, heldOut, o.HeldOutSequences);
        var ez = BgRnnTrainer.Evaluate(zero.Model, heldOut, o.HeldOutSequences);
        double rCorr = Correlation(standalone.Model.R, network.R);
        double bCorr = Correlation(standalone.Model.B, network.B);
        double wCorr = Correlation(standalone.Model.W, network.W);
        static (double Mean, double Sd, double Max) Stats(double[] r)
        {
            double m = r.Average();
            return (m, Math.Sqrt(r.Average(v => (v - m) * (v - m))), r.Max(Math.Abs));
        }
        var ss = Stats(standalone.Model.R);
        var sn = Stats(network.R);
        output.WriteLine($"corr R {rCorr:F4}, b {bCorr:F4}, W {wCorr:F4}");
        output.WriteLine($"R standalone mean {ss.Mean:E3} sd {ss.Sd:E3} max {ss.Max:E3}; network mean {sn.Mean:E3} sd {sn.Sd:E3} max {sn.Max:E3}");
        output.WriteLine($"held-out log evidence per frame: standalone {es.LogEvidencePerFrame:F3}, network {en.LogEvidencePerFrame:F3}, R = 0 {ez.LogEvidencePerFrame:F3}");
        output.WriteLine($"gate log prior per frame: standalone {es.GateLogPriorPerFrame:F3}, network {en.GateLogPriorPerFrame:F3}, R = 0 {ez.GateLogPriorPerFrame:F3}");
        double diff = 0, norm = 0;
        for (int i = 0; i < network.R.Length; i++) { diff += Math.Pow(network.R[i] - standalone.Model.R[i], 2); norm += Math.Pow(standalone.Model.R[i], 2); }
        double relative = Math.Sqrt(diff / norm);
        output.WriteLine($"relative difference of R: {relative:E3}");

        // The same algorithm: the kernel differs only in arithmetic (float32 weights in propagation, its
        // own summation order of the logits). Measured: relative difference 1e-7 after 3000 sequences
        // (36,000 frames); held-out scores equal to 3 decimals.
        Assert.True(relative < 1e-4, $"R of the network differs from the standalone R by {relative:E3} (relative)");
        Assert.True(rCorr > 0.9999 && bCorr > 0.9999 && wCorr > 0.9999, $"correlations R {rCorr}, b {bCorr}, W {wCorr}");
        Assert.Equal(es.LogEvidencePerFrame, en.LogEvidencePerFrame, 0.01);
        // And it learned something: it beats the static model (R = 0) on held-out data.
        Assert.True(en.LogEvidencePerFrame > ez.LogEvidencePerFrame + 0.5, $"network {en.LogEvidencePerFrame} vs R = 0 {ez.LogEvidencePerFrame}");
        Assert.Contains(network.R, r => r != 0);
    }
}
