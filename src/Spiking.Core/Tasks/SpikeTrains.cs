using Spiking.Random;

namespace Spiking.Tasks;

/// <summary>
/// Spike-train inputs for liquid state machine tasks (Maass, Natschläger &amp; Markram 2002): Poisson
/// templates, their jittered versions, and the distance between two inputs. A set of trains is one
/// array of sorted spike times (ms) per channel.
/// </summary>
public static class SpikeTrains
{
    /// <summary>Independent homogeneous Poisson trains of <paramref name="rate"/> Hz on [0, <paramref name="duration"/>) ms.</summary>
    public static double[][] Poisson(int channels, double rate, double duration, ref PhiloxStream rng)
    {
        var trains = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            var list = new List<double>();
            if (rate > 0)
                for (double t = -Math.Log(rng.NextDoubleNonZero()) / rate * 1e3; t < duration; t += -Math.Log(rng.NextDoubleNonZero()) / rate * 1e3)
                    list.Add(t);
            trains[c] = list.ToArray();
        }
        return trains;
    }

    /// <summary>
    /// Each spike moved by a Gaussian of standard deviation <paramref name="sd"/> ms (the paper's
    /// jitter); spikes moved outside [0, <paramref name="duration"/>) are reflected back into it.
    /// </summary>
    public static double[][] Jitter(double[][] trains, double sd, double duration, ref PhiloxStream rng)
    {
        var result = new double[trains.Length][];
        for (int c = 0; c < trains.Length; c++)
        {
            var moved = new double[trains[c].Length];
            for (int k = 0; k < moved.Length; k++)
            {
                double t = trains[c][k] + (sd > 0 ? sd * rng.NextNormal() : 0);
                if (t < 0) t = -t;
                if (t >= duration) t = Math.Max(0, 2 * duration - t - 1e-9);
                moved[k] = t;
            }
            Array.Sort(moved);
            result[c] = moved;
        }
        return result;
    }

    /// <summary>
    /// A train at a controlled distance from <paramref name="trains"/>: each spike is, with probability
    /// <paramref name="fraction"/>, replaced by a spike at a uniformly drawn time (the rate stays the same).
    /// </summary>
    public static double[][] Resample(double[][] trains, double fraction, double duration, ref PhiloxStream rng)
    {
        var result = new double[trains.Length][];
        for (int c = 0; c < trains.Length; c++)
        {
            var moved = new double[trains[c].Length];
            for (int k = 0; k < moved.Length; k++)
            {
                double u = rng.NextDouble(), t = rng.NextDouble() * duration;
                moved[k] = u < fraction ? t : trains[c][k];
            }
            Array.Sort(moved);
            result[c] = moved;
        }
        return result;
    }

    /// <summary>
    /// The input distance of Maass, Natschläger &amp; Markram 2002 (section 3): the L2 norm of the
    /// difference of the two inputs convolved with a Gaussian kernel exp(−(t/τ)²), τ = 5 ms, divided by
    /// the duration T: d(u, v) = ‖(u − v) ∗ k‖ / T, summed over channels. Evaluated on a grid of
    /// <paramref name="step"/> ms.
    /// </summary>
    public static double Distance(double[][] u, double[][] v, double duration, double tau = 5, double step = 0.5)
    {
        if (u.Length != v.Length) throw new ArgumentException($"{u.Length} channels against {v.Length}");
        int n = (int)Math.Ceiling(duration / step);
        double sum = 0;
        var diff = new double[n];
        for (int c = 0; c < u.Length; c++)
        {
            Array.Clear(diff);
            Add(diff, u[c], 1, tau, step);
            Add(diff, v[c], -1, tau, step);
            foreach (var d in diff) sum += d * d * step;
        }
        return Math.Sqrt(sum) / duration;
    }

    private static void Add(double[] into, double[] spikes, double sign, double tau, double step)
    {
        int reach = (int)Math.Ceiling(4 * tau / step);
        foreach (var s in spikes)
        {
            int centre = (int)Math.Round(s / step);
            for (int k = Math.Max(0, centre - reach); k < Math.Min(into.Length, centre + reach + 1); k++)
            {
                double x = (k * step - s) / tau;
                into[k] += sign * Math.Exp(-x * x);
            }
        }
    }
}
