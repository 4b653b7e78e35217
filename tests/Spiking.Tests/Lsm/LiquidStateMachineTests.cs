using Spiking.Connectors;
using Spiking.Description;
using Spiking.Engine;
using Spiking.IO.ModelFiles;
using Spiking.Learning.Tasks;
using Spiking.Tasks;
using Spiking.Tests.Core;

namespace Spiking.Tests.Lsm;

/// <summary>models/lsm.toml (Maass, Natschläger &amp; Markram 2002) and the liquid tasks, with fewer trials than the examples.</summary>
public class LiquidStateMachineTests
{
    private static NetworkSpec Lsm() => ModelFileReader.Read(RepoPaths.Model("lsm.toml"));

    /// <summary>
    /// The column has 108 + 27 neurons on the 135 sites of a 15×3×3 grid, and each recurrent
    /// projection has as many synapses as the pair probabilities C·exp(−(D/2)²) predict for the drawn
    /// positions, within 4 standard deviations of that sum of Bernoulli draws.
    /// </summary>
    [Fact]
    public void Lsm_model_has_a_column_of_135_neurons_with_distance_dependent_synapses()
    {
        var spec = Lsm();
        var network = Network.Build(spec, 1);
        Assert.Equal(108, network.Population("exc").Size);
        Assert.Equal(27, network.Population("inh").Size);
        foreach (var (name, c) in new[] { ("ee", 0.3), ("ei", 0.2), ("ie", 0.4), ("ii", 0.1) })
        {
            var proj = network.Projections.First(p => p.Spec.Name == name);
            var pre = proj.Pre.Positions!; var post = proj.Post.Positions!;
            double mean = 0, variance = 0;
            for (int i = 0; i < proj.Pre.Size; i++)
                for (int j = 0; j < proj.Post.Size; j++)
                {
                    if (proj.Pre == proj.Post && i == j) continue;
                    double d = NeuronPositions.Distance(pre, i, post, j);
                    double p = c * Math.Exp(-d * d / 4);
                    mean += p; variance += p * (1 - p);
                }
            Assert.InRange((double)proj.Synapses.Count, mean - 4 * Math.Sqrt(variance), mean + 4 * Math.Sqrt(variance));
        }
    }

    [Fact]
    public void Trials_share_synapses_and_start_from_different_states()
    {
        var spec = Lsm();
        var a = Network.Build(spec with { Simulation = spec.Simulation with { Trial = 1 } }, 1);
        var b = Network.Build(spec with { Simulation = spec.Simulation with { Trial = 2 } }, 1);
        Assert.Equal(a.Projections[0].Synapses.Target, b.Projections[0].Synapses.Target);
        Assert.Equal(a.Projections[0].Synapses.Weight, b.Projections[0].Synapses.Weight);
        Assert.NotEqual(a.Population("exc").Group.Variable("v"), b.Population("exc").Group.Variable("v"));
        var s1 = LiquidTrials.FilteredStates(spec, 1, [100, 200], 30, ["exc", "inh"]);
        var s1Again = LiquidTrials.FilteredStates(spec, 1, [100, 200], 30, ["exc", "inh"]);
        Assert.Equal(s1[1], s1Again[1]);
        Assert.Equal(135, s1[1].Length);
        Assert.True(s1[1].Sum() > 0, "the example input made no liquid neuron fire");
    }

    /// <summary>The bar: two templates at 4 ms jitter, held-out accuracy ≥ 90 % (100 training, 100 test trials).</summary>
    [Fact]
    public void Lsm_classifies_two_templates_at_4_ms_jitter_above_90_percent()
    {
        var r = TemplateClassification.Run(Lsm(), new TemplateClassification.Options { Jitter = 4, TrainTrials = 100, TestTrials = 100 });
        Assert.True(r.TestAccuracy >= 0.9, $"test accuracy {r.TestAccuracy:F3} (train {r.TrainAccuracy:F3})");
    }

    /// <summary>At 16 ms jitter the held-out accuracy is above chance: more than 60 % of 100 test trials (chance 50 %, binomial sd 5 %).</summary>
    [Fact]
    public void Lsm_classifies_two_templates_at_16_ms_jitter_above_chance()
    {
        var r = TemplateClassification.Run(Lsm(), new TemplateClassification.Options { Jitter = 16, TrainTrials = 100, TestTrials = 100 });
        Assert.True(r.TestAccuracy > 0.6, $"test accuracy {r.TestAccuracy:F3} (train {r.TrainAccuracy:F3})");
    }

    /// <summary>The separation curve rises: the mean state distance grows with each step of input distance (5 pairs per point).</summary>
    [Fact]
    public void Lsm_state_distance_rises_with_input_distance()
    {
        var points = SeparationProperty.Run(Lsm(), new SeparationProperty.Options { Pairs = 5, Duration = 300, Fractions = [0, 0.2, 1] });
        string all = string.Join("; ", points.Select(p => $"d_in {p.InputDistance:F3}: d_state {p.StateDistance:F3}"));
        for (int k = 1; k < points.Count; k++)
        {
            Assert.True(points[k].InputDistance > points[k - 1].InputDistance, all);
            Assert.True(points[k].StateDistance > points[k - 1].StateDistance, all);
        }
    }

    /// <summary>
    /// The bit of the segment just presented is recalled in more than 75 % of 100 test segments and
    /// the XOR of both streams' bits in more than 60 % (chance 50 %, binomial sd 5 %). The liquid's
    /// memory is short: bits one segment (30 ms) back are near chance (docs/lsm.md).
    /// </summary>
    [Fact]
    public void Lsm_recalls_the_current_input_bit_and_computes_xor_above_chance()
    {
        var r = MemoryTasks.Run(Lsm(), new MemoryTasks.Options { Segments = 300, TrainSegments = 200, Lags = [0], XorLags = [0] });
        Assert.True(r.Recall[0].Accuracy > 0.75, $"recall {r.Recall[0].Accuracy:F3}");
        Assert.True(r.Xor[0].Accuracy > 0.6, $"xor {r.Xor[0].Accuracy:F3}");
    }
}
