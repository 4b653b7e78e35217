using Spiking.Description;
using Spiking.Gpu;
using Spiking.Runtime;
using Xunit.Abstractions;

namespace Spiking.Tests.Parity;

/// <summary>
/// The parity suite over the monitor kinds: every concrete <see cref="MonitorSpec"/> (found by reflection, so
/// a kind added later fails here until it has a case), each alone on a small network, on every registered
/// time-stepped engine other than the CPU's: the CPU step engine's record (spikes, state samples, rate
/// bins, weight snapshots) and final state bit for bit, or a refusal by <see cref="IEngine.Unsupported"/>
/// naming the monitor's population or projection.
/// </summary>
public class MonitorParityTests(ITestOutputHelper output)
{
    static MonitorParityTests() => DeviceEngine.Register();

    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };
    private static Dictionary<string, ValueSpec> RandomV => new() { ["v"] = new UniformValue(-65, -50) };

    /// <summary>The concrete monitor kinds of the description assembly.</summary>
    private static IEnumerable<Type> Kinds()
        => typeof(MonitorSpec).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(MonitorSpec)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    public static TheoryData<string> MonitorKinds()
    {
        var data = new TheoryData<string>();
        foreach (var t in Kinds()) data.Add(t.Name);
        return data;
    }

    /// <summary>
    /// Poisson-driven lif_cuba "p" (20) onto lif_cuba "q" (10) through "pq" (pair STDP, bounded) and a static
    /// recurrent "pp"; 30 ms at 0.1 ms; only <paramref name="monitors"/> record.
    /// </summary>
    private static NetworkSpec Net(params MonitorSpec[] monitors) => new(
        new SimulationSpec(0.1, 30, Seed: 13),
        [new PopulationSpec("p", "lif_cuba", 20, Lif, RandomV), new PopulationSpec("q", "lif_cuba", 10, Lif, RandomV)],
        [
            new ProjectionSpec("pq", "p", "q", "exc", new FixedProbabilityConnector(0.4), new UniformValue(0.5, 2.5), new UniformValue(0.1, 1.5))
                { Plasticity = new PlasticitySpec("stdp", new Dictionary<string, double> { ["A_plus"] = 0.05, ["A_minus"] = 0.055, ["w_min"] = 0, ["w_max"] = 3 }, new Dictionary<string, string>()) },
            new ProjectionSpec("pp", "p", "p", "inh", new FixedProbabilityConnector(0.2), new UniformValue(0.5, 1.5), new ConstantValue(0.7)),
        ],
        [
            new PoissonInputSpec("drive", "p", "exc", Rate: 4000, Weight: 2.0),
            new PoissonInputSpec("bg", "q", "exc", Rate: 3500, Weight: 1.8),
        ],
        monitors);

    private static IEnumerable<long> Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits);

    private static void SpikesRecorded(ParityRuns.Run run)
    {
        var r = run.Record;
        Assert.True(r.SpikeIds[0].Count > 10 && r.SpikeIds[1].Count > 10, $"{r.SpikeIds[0].Count} and {r.SpikeIds[1].Count} spikes");
        Assert.All(r.SpikeIds[0], i => Assert.Contains(i, new[] { 0, 2, 3, 7, 11, 19 }));
    }

    private static void StatesSampled(ParityRuns.Run run)
    {
        var r = run.Record;
        Assert.Equal(100, r.StateTimes[0].Count);
        Assert.Equal(300, r.StateTimes[1].Count);
        Assert.All(r.StateValues[0], v => Assert.Equal(9, v.Length));
        Assert.True(r.StateValues[1].SelectMany(v => v).Distinct().Count() > 100, "v must move");
        Assert.Contains(r.StateValues[0].SelectMany(v => v.Skip(6)), x => x != 0); // I_in: the recurrent synapses acted
    }

    private static void RatesBinned(ParityRuns.Run run)
    {
        var r = run.Record;
        Assert.Equal(30, r.Rates[0].Count);
        Assert.Equal(12, r.Rates[1].Count);
        Assert.True(r.Rates[0].Distinct().Count() > 3 && r.Rates[1].Any(x => x > 0), "the rates must vary");
    }

    private static void WeightsSnapshot(ParityRuns.Run run)
    {
        var r = run.Record;
        Assert.Equal(4, r.WeightTimes[0].Count);
        Assert.All(r.WeightTimes[0].Zip([0, 7.5, 12.5, 30]), t => Assert.Equal(t.Second, t.First, 1e-9));
        int changed = Enumerable.Range(0, r.Weights[0][0].Length).Count(s => r.Weights[0][3][s] != r.Weights[0][0][s]);
        Assert.True(changed > r.Weights[0][0].Length / 4, $"{changed} of {r.Weights[0][0].Length} plastic weights changed");
        Assert.Equal(Bits(run.Rules["pq"].Weights), Bits(r.Weights[0][3])); // the snapshot at the end is the final weights
        Assert.Equal(2, r.Weights[1].Count);
        Assert.Equal(Bits(r.Weights[1][0]), Bits(r.Weights[1][1])); // static
        Assert.Contains(r.Weights[1][0], w => w != 0);
    }

    /// <summary>Each kind's monitors (two of it, one over a subset of neurons where the kind takes one) and what the CPU run must show.</summary>
    private static readonly Dictionary<Type, (Func<NetworkSpec> Spec, Action<ParityRuns.Run> Check)> Cases = new()
    {
        [typeof(SpikeMonitorSpec)] = (() => Net(new SpikeMonitorSpec("p") { Neurons = [0, 2, 3, 7, 11, 19] }, new SpikeMonitorSpec("q")), SpikesRecorded),
        [typeof(StateMonitorSpec)] = (() => Net(new StateMonitorSpec("p", ["v", "I_ex", "I_in"], 0.3) { Neurons = [1, 4, 9] }, new StateMonitorSpec("q", ["v"], 0.1)), StatesSampled),
        [typeof(RateMonitorSpec)] = (() => Net(new RateMonitorSpec("p", 1.0), new RateMonitorSpec("q", 2.5) { Neurons = [0, 1, 2, 3, 4] }), RatesBinned),
        [typeof(WeightMonitorSpec)] = (() => Net(new WeightMonitorSpec("pq", [0, 7.5, 12.5, 30]), new WeightMonitorSpec("pp", [0, 30])), WeightsSnapshot),
    };

    [Fact]
    public void Every_monitor_kind_has_a_case()
    {
        var missing = Kinds().Where(t => !Cases.ContainsKey(t)).Select(t => t.Name).ToArray();
        Assert.True(missing.Length == 0, $"monitor kinds without a parity case: {string.Join(", ", missing)}; add one to MonitorParityTests.Cases");
        Assert.True(Kinds().Count() >= 4);
    }

    [Theory]
    [MemberData(nameof(MonitorKinds))]
    public void Every_monitor_kind_runs_on_every_step_engine_with_the_cpu_bits_or_is_refused_by_name(string kind)
    {
        var type = Kinds().Single(t => t.Name == kind);
        Assert.True(Cases.TryGetValue(type, out var c), $"monitor kind {kind} has no parity case; add one to MonitorParityTests.Cases");
        var spec = c.Spec();
        Assert.All(spec.Monitors, m => Assert.IsType(type, m));
        var outcome = ParityRuns.CompareAll(spec, $"'{spec.Monitors[0].Population}'", c.Check);
        output.WriteLine($"{kind}: {string.Join(" | ", outcome)}");
    }
}
