using Spiking.Description;
using Spiking.Tasks;
using Spiking.Random;

namespace Spiking.Learning.Tasks;

/// <summary>
/// The separation property of Maass, Natschläger &amp; Markram 2002 (Fig. 2): pairs of inputs u, v
/// at increasing input distance d(u, v) (<see cref="SpikeTrains.Distance"/>) drive the liquid from
/// different initial states; the state distance is ‖x_u(t) − x_v(t)‖ of the filtered liquid states,
/// averaged over sample times and pairs. v is u with each spike, with probability f, moved to a
/// uniformly drawn time; f = 0 measures the distance that initial state and noise alone cause.
/// </summary>
public static class SeparationProperty
{
    /// <summary>The protocol's settings (times in ms, rates in Hz).</summary>
    public sealed record Options
    {
        /// <summary>Poisson rate of each input channel of u (Hz).</summary>
        public double Rate { get; init; } = 20;
        /// <summary>Length of the input and of each trial (ms).</summary>
        public double Duration { get; init; } = 500;
        /// <summary>Fractions f of u's spikes moved to make v, one point of the curve each.</summary>
        public IReadOnlyList<double> Fractions { get; init; } = [0, 0.05, 0.1, 0.2, 0.4, 0.7, 1];
        /// <summary>Number of input pairs (u, v) per fraction.</summary>
        public int Pairs { get; init; } = 20;
        /// <summary>Time constant of the exponential filter of the liquid's spike trains (ms).</summary>
        public double FilterTau { get; init; } = 30;
        /// <summary>State distances are averaged over samples this far apart, from the first to the end of the input.</summary>
        public double SampleEvery { get; init; } = 10;
        /// <summary>Seed of the input trains and of the moved spikes (the network's own seed is in the spec).</summary>
        public ulong Seed { get; init; } = 1;
        /// <summary>The spike_source population that carries the input channels.</summary>
        public string Input { get; init; } = "input";
        /// <summary>The populations whose filtered spike trains make the state.</summary>
        public IReadOnlyList<string> Liquid { get; init; } = ["exc", "inh"];
    }

    /// <summary>One point of the curve: the mean input distance and mean state distance of the pairs made with fraction f.</summary>
    public sealed record Point(double Fraction, double InputDistance, double StateDistance, double StateDistanceSd);

    /// <summary>Runs the protocol on <paramref name="spec"/>; points in the order of the fractions.</summary>
    public static IReadOnlyList<Point> Run(NetworkSpec spec, Options o)
    {
        int channels = spec.Populations.First(p => p.Name == o.Input).Size;
        var times = new List<double>();
        for (double t = o.SampleEvery; t <= o.Duration + 1e-9; t += o.SampleEvery) times.Add(t);
        int n = o.Fractions.Count * o.Pairs;
        var inputDistance = new double[n];
        var stateDistance = new double[n];
        Parallel.For(0, n, k =>
        {
            double f = o.Fractions[k / o.Pairs];
            var rng = new PhiloxStream(o.Seed, StreamKind.TaskInput, 2, (uint)k);
            var u = SpikeTrains.Poisson(channels, o.Rate, o.Duration, ref rng);
            var v = SpikeTrains.Resample(u, f, o.Duration, ref rng);
            inputDistance[k] = SpikeTrains.Distance(u, v, o.Duration);
            var xu = LiquidTrials.FilteredStates(LiquidTrials.WithSpikeTimes(spec, o.Input, u), (uint)(2 * k + 1), times, o.FilterTau, o.Liquid);
            var xv = LiquidTrials.FilteredStates(LiquidTrials.WithSpikeTimes(spec, o.Input, v), (uint)(2 * k + 2), times, o.FilterTau, o.Liquid);
            double sum = 0;
            for (int s = 0; s < times.Count; s++)
            {
                double sq = 0;
                for (int i = 0; i < xu[s].Length; i++) sq += (xu[s][i] - xv[s][i]) * (xu[s][i] - xv[s][i]);
                sum += Math.Sqrt(sq);
            }
            stateDistance[k] = sum / times.Count;
        });
        var points = new List<Point>();
        for (int q = 0; q < o.Fractions.Count; q++)
        {
            var d = stateDistance.AsSpan(q * o.Pairs, o.Pairs).ToArray();
            double mean = d.Average();
            double sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, d.Length - 1));
            points.Add(new Point(o.Fractions[q], inputDistance.AsSpan(q * o.Pairs, o.Pairs).ToArray().Average(), mean, sd));
        }
        return points;
    }
}
