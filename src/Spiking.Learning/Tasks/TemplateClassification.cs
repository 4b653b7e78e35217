using Spiking.Description;
using Spiking.Tasks;
using Spiking.Random;
using Spiking.Readouts;

namespace Spiking.Learning.Tasks;

/// <summary>
/// The classification task of Maass, Natschläger &amp; Markram 2002 (section 4): a few Poisson
/// spike-train templates on the input channels; each trial presents one template with every spike
/// jittered by a Gaussian, to the liquid started from its own initial state; a
/// <see cref="LinearReadout"/> trained by ridge regression on the filtered liquid state at the end of
/// the input tells which template it was (one output per template, the largest wins). Trials
/// alternate between templates; the first <see cref="Options.TrainTrials"/> train, the rest test.
/// </summary>
public static class TemplateClassification
{
    /// <summary>The protocol's settings (times in ms, rates in Hz).</summary>
    public sealed record Options
    {
        /// <summary>Number of templates, one readout output each.</summary>
        public int Templates { get; init; } = 2;
        /// <summary>Poisson rate of each input channel of a template (Hz).</summary>
        public double Rate { get; init; } = 20;
        /// <summary>Length of a template and of each trial's input (ms); the state is read at its end.</summary>
        public double Duration { get; init; } = 200;
        /// <summary>Standard deviation of the Gaussian jitter of each spike (ms).</summary>
        public double Jitter { get; init; } = 4;
        /// <summary>Number of trials that train the readout.</summary>
        public int TrainTrials { get; init; } = 200;
        /// <summary>Number of trials, after the training ones, that test it.</summary>
        public int TestTrials { get; init; } = 100;
        /// <summary>Time constant of the readout's exponential filter of the liquid's spike trains (ms).</summary>
        public double FilterTau { get; init; } = 30;
        /// <summary>Ridge regulariser λ of the readout.</summary>
        public double Ridge { get; init; } = 1;
        /// <summary>Seed of the templates and the jitter (the network's own seed is in the spec).</summary>
        public ulong Seed { get; init; } = 1;
        /// <summary>The spike_source population that carries the input channels.</summary>
        public string Input { get; init; } = "input";
        /// <summary>The populations read out.</summary>
        public IReadOnlyList<string> Liquid { get; init; } = ["exc", "inh"];
    }

    /// <summary>Fraction of trials classified correctly.</summary>
    public sealed record Result(double TrainAccuracy, double TestAccuracy, int TrainTrials, int TestTrials);

    /// <summary>Runs the protocol on <paramref name="spec"/> (trials in parallel; results do not depend on it).</summary>
    public static Result Run(NetworkSpec spec, Options o)
    {
        int channels = spec.Populations.First(p => p.Name == o.Input).Size;
        var templates = new double[o.Templates][][];
        for (int c = 0; c < o.Templates; c++)
        {
            var rng = new PhiloxStream(o.Seed, StreamKind.TaskInput, 0, (uint)c);
            templates[c] = SpikeTrains.Poisson(channels, o.Rate, o.Duration, ref rng);
        }
        int trials = o.TrainTrials + o.TestTrials;
        var states = new double[trials][];
        var labels = new int[trials];
        Parallel.For(0, trials, t =>
        {
            int label = t % o.Templates;
            var rng = new PhiloxStream(o.Seed, StreamKind.TaskInput, 1, (uint)t);
            var input = SpikeTrains.Jitter(templates[label], o.Jitter, o.Duration, ref rng);
            var trialSpec = LiquidTrials.WithSpikeTimes(spec, o.Input, input);
            states[t] = LiquidTrials.FilteredStates(trialSpec, (uint)t + 1, [o.Duration], o.FilterTau, o.Liquid)[0];
            labels[t] = label;
        });
        var readout = new LinearReadout(states[0].Length, o.Templates);
        var targets = labels.Select(l => Enumerable.Range(0, o.Templates).Select(c => c == l ? 1.0 : 0.0).ToArray()).ToArray();
        RidgeRegression.Fit(readout, states[..o.TrainTrials], targets[..o.TrainTrials], o.Ridge);
        double Accuracy(int from, int to)
        {
            int correct = 0;
            var y = new double[o.Templates];
            for (int t = from; t < to; t++)
            {
                readout.Predict(states[t], y);
                int best = 0;
                for (int c = 1; c < y.Length; c++) if (y[c] > y[best]) best = c;
                if (best == labels[t]) correct++;
            }
            return to > from ? (double)correct / (to - from) : double.NaN;
        }
        return new Result(Accuracy(0, o.TrainTrials), Accuracy(o.TrainTrials, trials), o.TrainTrials, o.TestTrials);
    }
}
