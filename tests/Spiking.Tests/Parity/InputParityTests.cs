using Spiking.Description;
using Spiking.Gpu;
using Spiking.Runtime;
using Xunit.Abstractions;

namespace Spiking.Tests.Parity;

/// <summary>
/// The parity suite over the input kinds: every concrete <see cref="InputSpec"/> (found by reflection, so a
/// kind added later fails here until it has a case), each on its own small network, on every registered
/// time-stepped engine other than the CPU's: the CPU step engine's spikes, sampled and final state bit for
/// bit, or a refusal by <see cref="IEngine.Unsupported"/> naming the input.
/// </summary>
public class InputParityTests(ITestOutputHelper output)
{
    static InputParityTests() => DeviceEngine.Register();

    private const string Input = "in";
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };

    /// <summary>The concrete input kinds of the description assembly.</summary>
    private static IEnumerable<Type> Kinds()
        => typeof(InputSpec).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(InputSpec)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    public static TheoryData<string> InputKinds()
    {
        var data = new TheoryData<string>();
        foreach (var t in Kinds()) data.Add(t.Name);
        return data;
    }

    /// <summary>
    /// lif_cuba "p" (16, v drawn in [-65, -50) mV) with a static recurrent projection and
    /// <paramref name="input"/>; spikes and v, I_ex, I_in of every neuron sampled every step; 30 ms at 0.1 ms.
    /// </summary>
    private static NetworkSpec Lif16(InputSpec input) => new(
        new SimulationSpec(0.1, 30, Seed: 9),
        [new PopulationSpec("p", "lif_cuba", 16, Lif, new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-65, -50) })],
        [new ProjectionSpec("rec", "p", "p", "exc", new FixedProbabilityConnector(0.2), new UniformValue(0.2, 1.5), new UniformValue(0.1, 2))],
        [input],
        [new SpikeMonitorSpec("p"), new StateMonitorSpec("p", ["v", "I_ex", "I_in"], 0.1)]);

    /// <summary>Spike times of 16 neurons in [0, 30) ms: several per neuron, off the grid, two in one step, one at 0, unsorted.</summary>
    private static SpikeTimesInputSpec SpikeTimes()
    {
        var random = new System.Random(4);
        var neurons = new List<int>();
        var times = new List<double>();
        for (int i = 0; i < 16; i++)
            for (int k = 0; k < 10; k++)
            {
                neurons.Add(i);
                times.Add(Math.Round(random.NextDouble() * 29.9, 3));
            }
        neurons.AddRange([3, 3, 0, 15]);
        times.AddRange([times[18] + 0.02, 0, 0, 12.34]);
        return new SpikeTimesInputSpec(Input, "p", "exc", 14.0, neurons, times);
    }

    /// <summary>
    /// A series (four_sines of period 10 ms) into rate_input "u" (3), which drives rate_tanh "x" (8); u and
    /// x, r sampled every step; 30 ms at 0.5 ms.
    /// </summary>
    private static NetworkSpec Series() => new(
        new SimulationSpec(0.5, 30, Seed: 9),
        [
            new PopulationSpec("u", "rate_input", 3, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            new PopulationSpec("x", "rate_tanh", 8, new Dictionary<string, double> { ["tau"] = 2 }, new Dictionary<string, ValueSpec>()),
        ],
        [new ProjectionSpec("ux", "u", "x", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0.5))],
        [new SeriesInputSpec(Input, "u", "s") { Neurons = [0, 2] }],
        [new StateMonitorSpec("u", ["u"], 0.5), new StateMonitorSpec("x", ["x", "r"], 0.5)])
    {
        Series = [new SeriesSpec("s", "four_sines", new Dictionary<string, double> { ["period"] = 10 })],
    };

    /// <summary>Spikes of the spike monitor 0, at least <paramref name="least"/>.</summary>
    private static Action<ParityRuns.Run> Fires(int least) => run =>
    {
        int spikes = run.Record.SpikeIds[0].Count;
        Assert.True(spikes >= least, $"{spikes} spikes; the input must make the network fire");
    };

    /// <summary>Poisson input: the driven neurons (0-11) fire, more than the four that only the recurrent synapses reach.</summary>
    private static void PoissonFires(ParityRuns.Run run)
    {
        Fires(20)(run);
        var ids = run.Record.SpikeIds[0];
        Assert.True(ids.Count(i => i < 12) > 3 * ids.Count(i => i >= 12), $"{ids.Count(i => i < 12)} spikes of driven and {ids.Count(i => i >= 12)} of undriven neurons");
    }

    /// <summary>Series input: the driven units follow the series, the undriven one stays at 0, and x moves.</summary>
    private static void SeriesMoves(ParityRuns.Run run)
    {
        var u = run.Record.StateValues[0];
        Assert.Equal(60, u.Count);
        Assert.True(u.Select(v => v[0]).Distinct().Count() > 20, "the series must move the driven units");
        Assert.All(u, v => Assert.Equal(0.0, v[1])); // unit 1 is not driven
        Assert.True(run.Record.StateValues[1].Select(v => v[3]).Distinct().Count() > 20, "the driven units must move x");
    }

    /// <summary>Each kind's network and what its CPU run must show for the comparison to mean anything.</summary>
    private static readonly Dictionary<Type, (Func<NetworkSpec> Spec, Action<ParityRuns.Run> Check)> Cases = new()
    {
        [typeof(PoissonInputSpec)] = (() => Lif16(new PoissonInputSpec(Input, "p", "exc", Rate: 2500, Weight: 2.0, Count: 2) { Neurons = [.. Enumerable.Range(0, 12)] }), PoissonFires),
        [typeof(SpikeTimesInputSpec)] = (() => Lif16(SpikeTimes()), Fires(10)),
        [typeof(CurrentInputSpec)] = (() => Lif16(new CurrentInputSpec(Input, "p", [0, 5, 12.55, 22], [0.2, 0.6, 0.0, 0.45]) { Neurons = [0, 1, 2, 3, 5, 8, 13] }), Fires(10)),
        [typeof(NoiseInputSpec)] = (() => Lif16(new NoiseInputSpec(Input, "p", 0.3, 0.3) { Neurons = [.. Enumerable.Range(2, 12)] }), Fires(10)),
        [typeof(SeriesInputSpec)] = (Series, SeriesMoves),
    };

    [Fact]
    public void Every_input_kind_has_a_case()
    {
        var missing = Kinds().Where(t => !Cases.ContainsKey(t)).Select(t => t.Name).ToArray();
        Assert.True(missing.Length == 0, $"input kinds without a parity case: {string.Join(", ", missing)}; add one to InputParityTests.Cases");
        Assert.True(Kinds().Count() >= 5);
    }

    [Theory]
    [MemberData(nameof(InputKinds))]
    public void Every_input_kind_runs_on_every_step_engine_with_the_cpu_bits_or_is_refused_by_name(string kind)
    {
        var type = Kinds().Single(t => t.Name == kind);
        Assert.True(Cases.TryGetValue(type, out var c), $"input kind {kind} has no parity case; add one to InputParityTests.Cases");
        var spec = c.Spec();
        Assert.IsType(type, Assert.Single(spec.Inputs));
        var outcome = ParityRuns.CompareAll(spec, $"input '{Input}'", c.Check);
        output.WriteLine($"{kind}: {string.Join(" | ", outcome)}");
    }
}
