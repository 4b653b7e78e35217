namespace Spiking.Motion;

/// <summary>
/// Banks of spatiotemporal filters for <see cref="LinearRnnReparametrisation"/>, in square patches
/// treated as a torus (displacements taken to the nearest periodic image, so shifts are exact
/// permutations of pixels). Units are Gabor filters at the nodes of a grid with spacing
/// <c>gridStep</c>, at <c>orientations</c> orientations θ_o = πo/orientations, in two phases
/// (cosine and sine carrier): unit j = ((o·2 + phase)·G + gy)·G + gx with G = size/gridStep.
/// A filter's carrier varies along u_o = (cos θ_o, sin θ_o), and the filters move along u_o.
/// Layout of each lag: <c>filters[τ][j * size² + row * size + column]</c>.
/// </summary>
public static class SpatiotemporalFilterBanks
{
    /// <summary>Units in a bank of the given geometry.</summary>
    public static int Units(int size, int gridStep, int orientations) => orientations * 2 * (size / gridStep) * (size / gridStep);

    /// <summary>
    /// A bank exactly of the form W_τ = R^τ W_0: R maps each unit to the unit of the same orientation
    /// and phase one grid node behind it along its direction of motion (rounded to the grid), times
    /// <paramref name="decay"/>, so each filter moves by one grid node per lag and fades.
    /// </summary>
    /// <param name="size">Side of the patch (pixels).</param>
    /// <param name="gridStep">Spacing of the filters' centres (pixels; divides size).</param>
    /// <param name="orientations">Number of orientations.</param>
    /// <param name="sigma">Gaussian envelope's standard deviation (pixels).</param>
    /// <param name="period">Carrier period (pixels).</param>
    /// <param name="decay">Factor per lag (the nonzero entries of R).</param>
    /// <param name="lags">Lags of the bank (τ = 0 .. lags − 1).</param>
    /// <param name="recurrent">Receives the exact R (units × units, one nonzero per row).</param>
    public static double[][] Shifting(int size, int gridStep, int orientations, double sigma, double period, double decay, int lags, out double[] recurrent)
    {
        Check(size, gridStep, orientations, lags);
        int g = size / gridStep, n = Units(size, gridStep, orientations), px = size * size;
        var w0 = new double[n * px];
        recurrent = new double[n * n];
        for (int o = 0; o < orientations; o++)
        {
            double theta = Math.PI * o / orientations;
            double ux = Math.Cos(theta), uy = Math.Sin(theta);
            int sx = (int)Math.Round(ux), sy = (int)Math.Round(uy);
            for (int ph = 0; ph < 2; ph++)
                for (int gy = 0; gy < g; gy++)
                    for (int gx = 0; gx < g; gx++)
                    {
                        int j = Index(o, ph, gx, gy, g);
                        Gabor(size, gx * gridStep, gy * gridStep, ux, uy, sigma, period, ph, w0.AsSpan(j * px, px));
                        int behind = Index(o, ph, Mod(gx - sx, g), Mod(gy - sy, g), g);
                        recurrent[j * n + behind] = decay;
                    }
        }
        var bank = new double[lags][];
        bank[0] = w0;
        for (int tau = 1; tau < lags; tau++)
        {
            var prev = bank[tau - 1];
            var next = new double[n * px];
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                {
                    double r = recurrent[j * n + k];
                    if (r != 0) MatchingPursuit.AddScaled(next.AsSpan(j * px, px), r, prev.AsSpan(k * px, px));
                }
            bank[tau] = next;
        }
        return bank;
    }

    /// <summary>
    /// A bank only approximately of the form W_τ = R^τ W_0: unit j at lag τ is its Gabor displaced by
    /// τ·<paramref name="speed"/> pixels along u_o (any real speed, not a whole grid step), times
    /// decay^τ, truncated after <paramref name="lags"/> lags.
    /// </summary>
    public static double[][] Drifting(int size, int gridStep, int orientations, double sigma, double period, double speed, double decay, int lags)
    {
        Check(size, gridStep, orientations, lags);
        int g = size / gridStep, n = Units(size, gridStep, orientations), px = size * size;
        var bank = new double[lags][];
        for (int tau = 0; tau < lags; tau++)
        {
            var w = new double[n * px];
            double scale = Math.Pow(decay, tau);
            for (int o = 0; o < orientations; o++)
            {
                double theta = Math.PI * o / orientations;
                double ux = Math.Cos(theta), uy = Math.Sin(theta);
                for (int ph = 0; ph < 2; ph++)
                    for (int gy = 0; gy < g; gy++)
                        for (int gx = 0; gx < g; gx++)
                        {
                            var f = w.AsSpan(Index(o, ph, gx, gy, g) * px, px);
                            Gabor(size, gx * gridStep + tau * speed * ux, gy * gridStep + tau * speed * uy, ux, uy, sigma, period, ph, f);
                            for (int i = 0; i < px; i++) f[i] *= scale;
                        }
            }
            bank[tau] = w;
        }
        return bank;
    }

    private static int Index(int o, int ph, int gx, int gy, int g) => ((o * 2 + ph) * g + gy) * g + gx;

    private static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>exp(−|d|²/2σ²) cos(2π u·d/period + phase·π/2), d the periodic displacement from (cx, cy).</summary>
    private static void Gabor(int size, double cx, double cy, double ux, double uy, double sigma, double period, int phase, Span<double> f)
    {
        for (int r = 0; r < size; r++)
        {
            double dy = r - cy;
            dy -= size * Math.Round(dy / size);
            for (int c = 0; c < size; c++)
            {
                double dx = c - cx;
                dx -= size * Math.Round(dx / size);
                double q = ux * dx + uy * dy;
                f[r * size + c] = Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) * Math.Cos(2 * Math.PI * q / period + phase * Math.PI / 2);
            }
        }
    }

    private static void Check(int size, int gridStep, int orientations, int lags)
    {
        if (gridStep < 1 || size % gridStep != 0) throw new ArgumentException($"the grid step {gridStep} must divide the patch size {size}");
        ArgumentOutOfRangeException.ThrowIfLessThan(orientations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lags, 2);
    }
}
