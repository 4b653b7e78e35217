using Spiking.Connectors;
using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Tests.Lsm;

/// <summary>Grid layouts, shared columns and the distance-dependent connector.</summary>
public class LayoutAndDistanceTests
{
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = 0, ["V_th"] = 15, ["V_reset"] = 13.5 };

    private static NetworkSpec Spec(IReadOnlyList<PopulationSpec> pops, IReadOnlyList<ProjectionSpec> projs, ulong seed = 1)
        => new(new SimulationSpec(0.1, 10, seed), pops, projs, [], []);

    private static PopulationSpec Pop(string name, int size, GridLayout? layout, string? column = null)
        => new(name, "lif_cuba", size, Lif, new Dictionary<string, ValueSpec>()) { Layout = layout, Column = column };

    [Fact]
    public void Column_populations_share_every_grid_site_once()
    {
        var grid = new GridLayout(15, 3, 3);
        var spec = Spec([Pop("exc", 108, grid, "c1"), Pop("inh", 27, grid, "c1")], []);
        var positions = NeuronPositions.Of(spec);
        var sites = new HashSet<(double, double, double)>();
        foreach (var xyz in positions)
            for (int i = 0; i < xyz!.Length / 3; i++)
            {
                Assert.InRange(xyz[3 * i], 0, 14);
                Assert.InRange(xyz[3 * i + 1], 0, 2);
                Assert.InRange(xyz[3 * i + 2], 0, 2);
                Assert.True(sites.Add((xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2])), "a site was given twice");
            }
        Assert.Equal(135, sites.Count);
        // The assignment is a seeded permutation: another seed moves the inhibitory neurons.
        var other = NeuronPositions.Of(Spec(spec.Populations, [], seed: 2));
        Assert.Equal(positions[1], NeuronPositions.Of(spec)[1]);
        Assert.NotEqual(positions[1], other[1]);
    }

    [Fact]
    public void A_layout_without_column_puts_neuron_i_on_site_i()
    {
        var spec = Spec([Pop("a", 24, new GridLayout(4, 3, 2))], []);
        var xyz = NeuronPositions.Of(spec)[0]!;
        // Site index = (x·ny + y)·nz + z.
        Assert.Equal(new double[] { 0, 0, 0 }, xyz[0..3]);
        Assert.Equal(new double[] { 0, 0, 1 }, xyz[3..6]);
        Assert.Equal(new double[] { 0, 1, 0 }, xyz[6..9]);
        Assert.Equal(new double[] { 3, 2, 1 }, xyz[^3..]);
    }

    [Fact]
    public void Layouts_and_distance_connectors_are_validated()
    {
        var grid = new GridLayout(15, 3, 3);
        var errors = NetworkValidator.Validate(Spec(
            [Pop("exc", 100, grid, "c1"), Pop("inh", 27, grid, "c1"), Pop("flat", 10, null), Pop("odd", 10, new GridLayout(2, 2, 2))],
            [new ProjectionSpec("d", "flat", "exc", "exc", new DistanceConnector(1.5, 0), new ConstantValue(1), new ConstantValue(0))]));
        Assert.Contains(errors, e => e.Path == "populations" && e.Message.Contains("127 neurons for its 135 grid sites"));
        Assert.Contains(errors, e => e.Path == "populations[3].layout" && e.Message.Contains("8 sites"));
        Assert.Contains(errors, e => e.Path == "projections[0].connector" && e.Message.Contains("'flat' has no layout"));
        Assert.Contains(errors, e => e.Path == "projections[0].connector.C");
        Assert.Contains(errors, e => e.Path == "projections[0].connector.lambda");
    }

    /// <summary>
    /// On a 10×10×10 grid (10⁶ candidate pairs) the fraction of pairs connected at each distance D
    /// matches C·exp(−(D/λ)²) (C = 0.3, λ = 2; Maass et al. 2002) within 4 binomial standard errors
    /// (plus 0.002), for every distance with at least 2000 pairs.
    /// </summary>
    [Fact]
    public void Distance_connector_connects_with_probability_C_exp_minus_D_over_lambda_squared()
    {
        const double C = 0.3, lambda = 2;
        var grid = new GridLayout(10, 10, 10);
        var spec = Spec([Pop("a", 1000, grid)],
            [new ProjectionSpec("aa", "a", "a", "exc", new DistanceConnector(C, lambda) { AllowAutapses = false }, new ConstantValue(1), new ConstantValue(0))]);
        var network = Network.Build(spec, 1);
        var table = network.Projections[0].Synapses;
        var xyz = network.Populations[0].Positions!;
        var pairs = new Dictionary<int, (long All, long Connected)>(); // by D² (integer on the grid)
        var connected = new HashSet<long>();
        for (int i = 0; i < 1000; i++)
            for (long s = table.RowStart[i]; s < table.RowStart[i + 1]; s++) connected.Add(i * 1000L + table.Target[s]);
        for (int i = 0; i < 1000; i++)
            for (int j = 0; j < 1000; j++)
            {
                if (i == j) { Assert.DoesNotContain(i * 1000L + j, connected); continue; }
                double d = NeuronPositions.Distance(xyz, i, xyz, j);
                int key = (int)Math.Round(d * d);
                var (all, c) = pairs.GetValueOrDefault(key);
                pairs[key] = (all + 1, c + (connected.Contains(i * 1000L + j) ? 1 : 0));
            }
        int checkedDistances = 0;
        foreach (var (d2, (all, c)) in pairs.OrderBy(kv => kv.Key))
        {
            if (all < 2000) continue;
            double p = C * Math.Exp(-d2 / (lambda * lambda));
            double measured = (double)c / all, se = Math.Sqrt(p * (1 - p) / all);
            Assert.True(Math.Abs(measured - p) <= 4 * se + 0.002, $"D² = {d2}: {measured:F4} connected of {all} pairs, expected {p:F4} ± {se:F4}");
            checkedDistances++;
        }
        Assert.True(checkedDistances >= 15, $"only {checkedDistances} distances checked");
        // Rows are drawn from their own streams: two threads build the same table.
        var again = Network.Build(spec, 2).Projections[0].Synapses;
        Assert.Equal(table.Target, again.Target);
        Assert.Equal(table.Weight, again.Weight);
    }
}
