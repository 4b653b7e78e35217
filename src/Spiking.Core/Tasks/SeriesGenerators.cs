using Spiking.Description;
using Spiking.Random;

namespace Spiking.Tasks;

/// <summary>
/// The generators a <see cref="SeriesSpec"/> names. Each returns its channels, one value per step;
/// the channel "value" is the default. Random generators draw from the run's seed through stream
/// (seed, Series, series index), so a series depends on nothing else.
/// </summary>
public static class SeriesGenerators
{
    /// <summary>A generator: its parameters with defaults and descriptions, and its channels.</summary>
    public sealed record Info(string Name, string Description, IReadOnlyDictionary<string, (double Default, string Description)> Parameters, string[] Channels);

    /// <summary>The known generators by name.</summary>
    public static IReadOnlyDictionary<string, Info> All { get; } = new Dictionary<string, Info>(StringComparer.Ordinal)
    {
        ["mackey_glass"] = new("mackey_glass", "Mackey-Glass delay equation sampled every h, RK4, rescaled to [lo, hi]",
            new Dictionary<string, (double, string)>
            {
                ["tau"] = (17, "delay"), ["a"] = (0.2, "production"), ["b"] = (0.1, "decay"), ["n"] = (10, "exponent"),
                ["x0"] = (1.2, "history value"), ["h"] = (1, "sampling step"), ["lo"] = (-1, "lower end after rescaling"), ["hi"] = (1, "upper end after rescaling"),
            }, ["value"]),
        ["narma10"] = new("narma10", "NARMA-10: input uniform in [0, 0.5] (channel input) and its target (channel target)",
            new Dictionary<string, (double, string)>(), ["input", "target"]),
        ["four_sines"] = new("four_sines", "Sussillo & Abbott 2009 target: harmonics 1-4 of 1/period with amplitudes 1.3(1, 1/2, 1/6, 1/3)/1.5",
            new Dictionary<string, (double, string)> { ["period"] = (1200, "period in ms"), ["amplitude"] = (1, "overall scale") }, ["value"]),
        ["lorenz_x"] = new("lorenz_x", "x of the Lorenz system (sigma, rho, beta), RK4 with step h per sample, divided by scale",
            new Dictionary<string, (double, string)>
            {
                ["sigma"] = (10, ""), ["rho"] = (28, ""), ["beta"] = (8.0 / 3.0, ""), ["h"] = (0.01, "time units of the system per step"),
                ["scale"] = (20, "divisor of x"), ["transient"] = (1000, "steps dropped at the start"),
            }, ["value"]),
    };

    /// <summary>The dimension of a generator parameter: periods are times (ms), the rest plain numbers.</summary>
    public static Units.Dimension DimensionOf(string parameter) => parameter == "period" ? Units.Dimension.Time : Units.Dimension.Dimensionless;

    /// <summary>Generates <paramref name="steps"/> values of every channel of <paramref name="spec"/>.</summary>
    public static IReadOnlyDictionary<string, double[]> Generate(SeriesSpec spec, long steps, double dt, ulong seed, int index)
    {
        if (!All.TryGetValue(spec.Generator, out var info)) throw new ArgumentException($"unknown series generator '{spec.Generator}'");
        double P(string name) => spec.Parameters.TryGetValue(name, out var v) ? v : info.Parameters[name].Default;
        int n = checked((int)steps);
        switch (spec.Generator)
        {
            case "mackey_glass":
            {
                var x = TimeSeries.MackeyGlass(n, P("tau"), P("a"), P("b"), P("n"), P("x0"), P("h"));
                return new Dictionary<string, double[]> { ["value"] = TimeSeries.Rescale(x, P("lo"), P("hi")) };
            }
            case "narma10":
            {
                var rng = new PhiloxStream(seed, StreamKind.Series, index, 0);
                var u = new double[n];
                for (int k = 0; k < n; k++) u[k] = 0.5 * rng.NextDouble();
                return new Dictionary<string, double[]> { ["input"] = u, ["target"] = TimeSeries.Narma10(u) };
            }
            case "four_sines":
            {
                double period = P("period"), amp = P("amplitude");
                var y = new double[n];
                for (int k = 0; k < n; k++) y[k] = amp * TimeSeries.FourSines(k * dt, period);
                return new Dictionary<string, double[]> { ["value"] = y };
            }
            case "lorenz_x":
                return new Dictionary<string, double[]> { ["value"] = TimeSeries.LorenzX(n, P("sigma"), P("rho"), P("beta"), P("h"), (int)P("transient")).Select(v => v / P("scale")).ToArray() };
            default:
                throw new ArgumentException($"unknown series generator '{spec.Generator}'");
        }
    }
}
