namespace Spiking.Tasks;

/// <summary>Benchmark time series for reservoir computing, generated in code.</summary>
public static class TimeSeries
{
    /// <summary>
    /// The Mackey–Glass delay differential equation (Mackey &amp; Glass 1977),
    /// dx/dt = a·x(t−τ)/(1 + x(t−τ)^n) − b·x(t), sampled every <paramref name="h"/> time units and
    /// integrated by fourth-order Runge–Kutta with step h, the delayed term interpolated linearly
    /// between stored samples at half steps (ReservoirPy's generator integrates the same way).
    /// History x(t ≤ 0) = <paramref name="x0"/>. τ = 17 gives the chaotic series of Jaeger &amp; Haas 2004.
    /// </summary>
    public static double[] MackeyGlass(int steps, double tau = 17, double a = 0.2, double b = 0.1, double n = 10, double x0 = 1.2, double h = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        int lag = (int)Math.Floor(tau / h);
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(tau), tau, "must be at least one step h");
        var history = new double[lag + steps + 1];
        for (int k = 0; k <= lag; k++) history[k] = x0;
        double F(double x, double xd) => a * xd / (1 + Math.Pow(xd, n)) - b * x;
        for (int k = lag; k < lag + steps; k++)
        {
            double x = history[k];
            double xd = history[k - lag], xdNext = history[k - lag + 1], xdMid = 0.5 * (xd + xdNext);
            double k1 = h * F(x, xd);
            double k2 = h * F(x + 0.5 * k1, xdMid);
            double k3 = h * F(x + 0.5 * k2, xdMid);
            double k4 = h * F(x + k3, xdNext);
            history[k + 1] = x + (k1 + 2 * k2 + 2 * k3 + k4) / 6;
        }
        return history.AsSpan(lag + 1, steps).ToArray();
    }

    /// <summary>Affine map of <paramref name="x"/> onto [lo, hi] (min to lo, max to hi).</summary>
    public static double[] Rescale(IReadOnlyList<double> x, double lo = -1, double hi = 1)
    {
        double min = x.Min(), max = x.Max();
        return x.Select(v => lo + (hi - lo) * (v - min) / (max - min)).ToArray();
    }

    /// <summary>
    /// NARMA-10 (Atiya &amp; Parlos 2000): y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0..9} y(t−i)
    /// + 1.5 u(t−9) u(t) + 0.1, driven by u(t) uniform in [0, 0.5] from <paramref name="input"/>.
    /// Returns the target y, same length as the input.
    /// </summary>
    public static double[] Narma10(IReadOnlyList<double> input)
    {
        var y = new double[input.Count];
        for (int t = 9; t + 1 < input.Count; t++)
        {
            double sum = 0;
            for (int i = 0; i < 10; i++) sum += y[t - i];
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * input[t - 9] * input[t] + 0.1;
        }
        return y;
    }

    /// <summary>
    /// The FORCE target of Sussillo &amp; Abbott (2009, Fig. 2A): harmonics 1–4 of 1/<paramref name="period"/>
    /// with amplitudes 1.3·(1, 1/2, 1/6, 1/3), divided by 1.5, at time <paramref name="t"/> (same unit as the period).
    /// </summary>
    public static double FourSines(double t, double period = 1200)
    {
        double w = 2 * Math.PI / period, amp = 1.3;
        return (amp * Math.Sin(w * t) + amp / 2 * Math.Sin(2 * w * t) + amp / 6 * Math.Sin(3 * w * t) + amp / 3 * Math.Sin(4 * w * t)) / 1.5;
    }

    /// <summary>
    /// x of the Lorenz (1963) system dx/dt = σ(y − x), dy/dt = x(ρ − z) − y, dz/dt = xy − βz from
    /// (1, 1, 1), fourth-order Runge–Kutta with step h, one sample per step after
    /// <paramref name="transient"/> steps.
    /// </summary>
    public static double[] LorenzX(int steps, double sigma = 10, double rho = 28, double beta = 8.0 / 3.0, double h = 0.01, int transient = 1000)
    {
        double x = 1, y = 1, z = 1;
        var result = new double[steps];
        (double, double, double) F(double a, double b, double c) => (sigma * (b - a), a * (rho - c) - b, a * b - beta * c);
        for (int k = -transient; k < steps; k++)
        {
            if (k >= 0) result[k] = x;
            var (k1x, k1y, k1z) = F(x, y, z);
            var (k2x, k2y, k2z) = F(x + 0.5 * h * k1x, y + 0.5 * h * k1y, z + 0.5 * h * k1z);
            var (k3x, k3y, k3z) = F(x + 0.5 * h * k2x, y + 0.5 * h * k2y, z + 0.5 * h * k2z);
            var (k4x, k4y, k4z) = F(x + h * k3x, y + h * k3y, z + h * k3z);
            x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            y += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
            z += h / 6 * (k1z + 2 * k2z + 2 * k3z + k4z);
        }
        return result;
    }

    /// <summary>Root mean square error of a prediction.</summary>
    public static double Rmse(IReadOnlyList<double> prediction, IReadOnlyList<double> target)
    {
        if (prediction.Count != target.Count || target.Count == 0) throw new ArgumentException("prediction and target must be non-empty and of the same length");
        double s = 0;
        for (int i = 0; i < target.Count; i++) { double e = prediction[i] - target[i]; s += e * e; }
        return Math.Sqrt(s / target.Count);
    }

    /// <summary>RMSE divided by the standard deviation of the target.</summary>
    public static double Nrmse(IReadOnlyList<double> prediction, IReadOnlyList<double> target)
    {
        double mean = target.Average();
        double var = target.Sum(v => (v - mean) * (v - mean)) / target.Count;
        return Rmse(prediction, target) / Math.Sqrt(var);
    }
}
