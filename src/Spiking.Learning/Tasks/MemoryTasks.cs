using Spiking.Description;
using Spiking.Tasks;
using Spiking.Random;
using Spiking.Readouts;

namespace Spiking.Learning.Tasks;

/// <summary>
/// Memory tasks for a liquid (in the spirit of Maass, Natschläger &amp; Markram 2002, section 5, where
/// readouts recall features of past input segments): two random bit streams a and b, one bit per
/// segment; during a segment the input channels of a stream (a: the first half of the spike_source's
/// units, b: the second) fire as Poisson trains of <see cref="Options.RateHigh"/> Hz when the bit is 1
/// and <see cref="Options.RateLow"/> Hz when it is 0. At the end of segment m the filtered liquid state
/// is read by one <see cref="LinearReadout"/> (ridge) with an output per target: a(m − k) for each lag
/// k (recall of the input k segments ago) and a(m − k) XOR b(m − k) for each lag. Targets are 0/1 and
/// the output is thresholded at ½. One long trial; the first segments train, the rest test.
/// </summary>
public static class MemoryTasks
{
    /// <summary>The protocol's settings (times in ms, rates in Hz).</summary>
    public sealed record Options
    {
        /// <summary>Length of one input segment, one bit per stream (ms).</summary>
        public double Segment { get; init; } = 30;
        /// <summary>Number of segments in the trial.</summary>
        public int Segments { get; init; } = 400;
        /// <summary>Segments from the start that train the readout (washout included); the rest test.</summary>
        public int TrainSegments { get; init; } = 300;
        /// <summary>Segments at the start that neither train nor test (the liquid settles).</summary>
        public int Washout { get; init; } = 5;
        /// <summary>Poisson rate of a stream's channels during a 1 bit (Hz).</summary>
        public double RateHigh { get; init; } = 80;
        /// <summary>Poisson rate of a stream's channels during a 0 bit (Hz).</summary>
        public double RateLow { get; init; } = 0;
        /// <summary>Lags k, in segments, whose bit a(m − k) is recalled (one readout output each).</summary>
        public IReadOnlyList<int> Lags { get; init; } = [0, 1, 2, 3];
        /// <summary>Lags k, in segments, whose a(m − k) XOR b(m − k) is computed (one readout output each).</summary>
        public IReadOnlyList<int> XorLags { get; init; } = [0, 1];
        /// <summary>Time constant of the readout's exponential filter of the liquid's spike trains (ms).</summary>
        public double FilterTau { get; init; } = 30;
        /// <summary>Ridge regulariser λ of the readout.</summary>
        public double Ridge { get; init; } = 1;
        /// <summary>Seed of the bit streams and their Poisson trains (the network's own seed is in the spec).</summary>
        public ulong Seed { get; init; } = 1;
        /// <summary>The spike_source population that carries the input channels (at least two units).</summary>
        public string Input { get; init; } = "input";
        /// <summary>The populations read out.</summary>
        public IReadOnlyList<string> Liquid { get; init; } = ["exc", "inh"];
    }

    /// <summary>Test accuracy (fraction correct, chance ½) of recall per lag and of XOR per lag.</summary>
    public sealed record Result(IReadOnlyList<(int Lag, double Accuracy)> Recall, IReadOnlyList<(int Lag, double Accuracy)> Xor);

    /// <summary>Runs the protocol on <paramref name="spec"/>.</summary>
    public static Result Run(NetworkSpec spec, Options o)
    {
        int channels = spec.Populations.First(p => p.Name == o.Input).Size;
        if (channels < 2) throw new ArgumentException($"population '{o.Input}' needs at least two units, one per stream");
        var rng = new PhiloxStream(o.Seed, StreamKind.TaskInput, 3, 0);
        var a = new int[o.Segments];
        var b = new int[o.Segments];
        for (int m = 0; m < o.Segments; m++) { a[m] = rng.NextInt(2); b[m] = rng.NextInt(2); }
        var trains = new List<double>[channels];
        for (int c = 0; c < channels; c++) trains[c] = [];
        for (int m = 0; m < o.Segments; m++)
            for (int c = 0; c < channels; c++)
            {
                int bit = c < channels / 2 ? a[m] : b[m];
                var one = SpikeTrains.Poisson(1, bit == 1 ? o.RateHigh : o.RateLow, o.Segment, ref rng)[0];
                foreach (var t in one) trains[c].Add(m * o.Segment + t);
            }
        var times = Enumerable.Range(1, o.Segments).Select(m => m * o.Segment).ToArray();
        var input = LiquidTrials.WithSpikeTimes(spec, o.Input, trains.Select(l => (IReadOnlyList<double>)l).ToArray());
        var states = LiquidTrials.FilteredStates(input, 1, times, o.FilterTau, o.Liquid);

        int first = Math.Max(o.Washout, o.Lags.Concat(o.XorLags).DefaultIfEmpty(0).Max());
        int outputs = o.Lags.Count + o.XorLags.Count;
        double[] Targets(int m) =>
        [
            .. o.Lags.Select(k => (double)a[m - k]),
            .. o.XorLags.Select(k => (double)(a[m - k] ^ b[m - k])),
        ];
        var readout = new LinearReadout(states[0].Length, outputs);
        var train = Enumerable.Range(first, Math.Max(0, o.TrainSegments - first)).ToArray();
        RidgeRegression.Fit(readout, train.Select(m => states[m]).ToArray(), train.Select(Targets).ToArray(), o.Ridge);
        var correct = new int[outputs];
        int tested = 0;
        var y = new double[outputs];
        for (int m = Math.Max(first, o.TrainSegments); m < o.Segments; m++)
        {
            readout.Predict(states[m], y);
            var target = Targets(m);
            for (int q = 0; q < outputs; q++) if ((y[q] > 0.5 ? 1.0 : 0.0) == target[q]) correct[q]++;
            tested++;
        }
        double Acc(int q) => tested > 0 ? (double)correct[q] / tested : double.NaN;
        return new Result(
            o.Lags.Select((k, q) => (k, Acc(q))).ToArray(),
            o.XorLags.Select((k, q) => (k, Acc(o.Lags.Count + q))).ToArray());
    }
}
