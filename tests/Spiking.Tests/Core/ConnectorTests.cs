using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Tests.Core;

/// <summary>Connectors produce the synapse counts and structure their definitions promise.</summary>
public class ConnectorTests
{
    private static Network Build(ConnectorSpec connector, int pre = 400, int post = 300, bool same = false, ValueSpec? weight = null, ValueSpec? delay = null)
    {
        var pops = new List<PopulationSpec>
        {
            new("pre", "lif_cuba", pre, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
        };
        if (!same) pops.Add(new("post", "lif_cuba", post, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()));
        return Network.Build(new NetworkSpec(new SimulationSpec(0.1, 0, 3), pops,
            [new ProjectionSpec("p", "pre", same ? "pre" : "post", "exc", connector, weight ?? new ConstantValue(1), delay ?? new ConstantValue(0))], [], []));
    }

    private static IEnumerable<(int Pre, int Post)> Pairs(Network n)
    {
        var t = n.Projections[0].Synapses;
        for (int i = 0; i < t.RowStart.Length - 1; i++)
            for (long s = t.RowStart[i]; s < t.RowStart[i + 1]; s++) yield return (i, t.Target[s]);
    }

    [Fact]
    public void All_to_all_connects_every_pair_and_skips_autapses_when_asked()
    {
        Assert.Equal(400L * 300, Build(new AllToAllConnector()).SynapseCount);
        var n = Build(new AllToAllConnector { AllowAutapses = false }, pre: 50, same: true);
        Assert.Equal(50L * 49, n.SynapseCount);
        Assert.DoesNotContain(Pairs(n), p => p.Pre == p.Post);
    }

    [Fact]
    public void One_to_one_connects_i_to_i()
    {
        var n = Build(new OneToOneConnector(), pre: 100, post: 100);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (i, i)), Pairs(n));
    }

    [Fact]
    public void Fixed_probability_gives_a_binomial_count()
    {
        // 400 x 300 pairs at p = 0.1: mean 12000, sd sqrt(12000 * 0.9) ≈ 104; allow 5 sd.
        var n = Build(new FixedProbabilityConnector(0.1));
        Assert.InRange(n.SynapseCount, 12000 - 520, 12000 + 520);
        Assert.Equal(Pairs(n).Count(), Pairs(n).Distinct().Count());
    }

    [Fact]
    public void Fixed_indegree_gives_every_target_exactly_k_distinct_sources()
    {
        var n = Build(new FixedInDegreeConnector(25));
        var pairs = Pairs(n).ToList();
        Assert.All(pairs.GroupBy(p => p.Post), g => Assert.Equal(25, g.Select(p => p.Pre).Distinct().Count()));
        Assert.Equal(300, pairs.Select(p => p.Post).Distinct().Count());
    }

    [Fact]
    public void Fixed_outdegree_gives_every_source_exactly_k_distinct_targets()
    {
        var n = Build(new FixedOutDegreeConnector(30, AllowMultapses: false) { AllowAutapses = false }, pre: 200, same: true);
        var pairs = Pairs(n).ToList();
        Assert.All(pairs.GroupBy(p => p.Pre), g => Assert.Equal(30, g.Select(p => p.Post).Distinct().Count()));
        Assert.DoesNotContain(pairs, p => p.Pre == p.Post);
    }

    [Fact]
    public void Fixed_total_number_makes_exactly_n_synapses()
    {
        Assert.Equal(5000, Build(new FixedTotalNumberConnector(5000)).SynapseCount);
    }

    [Fact]
    public void Explicit_lists_are_kept_pair_for_pair()
    {
        var n = Build(new ExplicitConnector([3, 1, 3, 0], [5, 2, 7, 9]));
        Assert.Equal(new[] { (0, 9), (1, 2), (3, 5), (3, 7) }, Pairs(n).OrderBy(p => p).ToArray());
    }

    [Fact]
    public void Distributed_weights_and_delays_have_their_moments_and_respect_the_sign()
    {
        var n = Build(new FixedProbabilityConnector(0.2), weight: new NormalValue(2.0, 0.5), delay: new UniformValue(1.0, 3.0));
        var t = n.Projections[0].Synapses;
        double mean = t.Weight.Average(w => (double)w);
        double sd = Math.Sqrt(t.Weight.Average(w => (w - mean) * (w - mean)));
        Assert.InRange(mean, 1.98, 2.02);
        Assert.InRange(sd, 0.48, 0.52);
        // Delays are whole steps of 0.1 ms between 10 and 30.
        Assert.All(t.Delay, d => Assert.InRange(d, (ushort)10, (ushort)30));
        Assert.InRange(t.Delay.Average(d => (double)d), 19.8, 20.2);
    }
}
