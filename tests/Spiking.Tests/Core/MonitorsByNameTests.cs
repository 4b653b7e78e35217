using Spiking.Description;
using Spiking.Engine;
using Spiking.Runtime;

namespace Spiking.Tests.Core;

/// <summary>The C# API finds a monitor's data by what it watches, not by its position in the spec.</summary>
public class MonitorsByNameTests
{
    private static NetworkSpec Spec() => new(new SimulationSpec(0.1, 50, Seed: 2, Threads: 1),
        [
            new PopulationSpec("a", "lif_delta", 20, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            new PopulationSpec("b", "lif_delta", 10, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
        ],
        [new ProjectionSpec("ab", "a", "b", "exc", new FixedProbabilityConnector(0.5), new ConstantValue(2.0), new ConstantValue(1.0))],
        [new PoissonInputSpec("drive", "a", "exc", 3000, 1.5)],
        [
            new RateMonitorSpec("a", 10), new SpikeMonitorSpec("b"), new StateMonitorSpec("b", ["v"], 1.0),
            new SpikeMonitorSpec("a"), new WeightMonitorSpec("ab", [0.0, 25.0]),
        ]);

    [Fact]
    public void Each_monitor_is_found_by_its_population_or_projection_with_the_data_of_its_position()
    {
        var rec = new MemoryRecorder();
        using (var sim = EngineCatalog.Create(Network.Build(Spec()))) sim.Run(recorder: rec);
        Assert.True(rec.SpikeTimes[3].Count > 0, "population a must fire");
        Assert.Same(rec.SpikeTimes[3], rec.Spikes("a").Times);
        Assert.Same(rec.SpikeIds[1], rec.Spikes("b").Ids);
        Assert.Same(rec.StateValues[2], rec.State("b").Values);
        Assert.Equal(5, rec.RatesOf("a").Rates.Count);
        Assert.Equal(2, rec.WeightsOf("ab").Weights.Count);
        var e = Assert.Throws<ArgumentException>(() => rec.State("a"));
        Assert.Contains("no state monitor of population 'a'; those of that kind watch b", e.Message);
    }
}
