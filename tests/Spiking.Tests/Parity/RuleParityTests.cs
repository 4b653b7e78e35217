using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Plasticity;
using Spiking.Runtime;
using Xunit.Abstractions;

namespace Spiking.Tests.Parity;

/// <summary>
/// The parity suite over the learning rules: every rule of <see cref="PlasticityRegistry"/>, for each
/// activity it reads (spikes, rates), on one projection of a small network, on every registered
/// time-stepped engine other than the CPU's: the CPU step engine's spikes, sampled and final state,
/// weight snapshots and final weights bit for bit, or a refusal by <see cref="IEngine.Unsupported"/>
/// naming the projection. In event mode a rule without an event-driven form is refused by name, and
/// one with it runs. A rule added to the registry is covered without a line here changing, as long as
/// one of the networks below suits it (else the test fails and says so).
/// </summary>
public class RuleParityTests(ITestOutputHelper output)
{
    static RuleParityTests() => DeviceEngine.Register();

    private const string Plastic = "plastic";
    private static readonly Dictionary<string, double> Lif = new() { ["E_L"] = -65, ["V_th"] = -50, ["V_reset"] = -65 };
    private static Dictionary<string, ValueSpec> RandomV => new() { ["v"] = new UniformValue(-65, -50) };
    private static Dictionary<string, double> P(params (string Key, double Value)[] kv) => kv.ToDictionary(x => x.Key, x => x.Value);

    public static TheoryData<string, PlasticityActivity> RulesAndActivities()
    {
        var data = new TheoryData<string, PlasticityActivity>();
        foreach (var name in PlasticityRegistry.Names)
        {
            Assert.True(PlasticityRegistry.TryGet(name, out var rule));
            foreach (var activity in new[] { PlasticityActivity.Spikes, PlasticityActivity.Rates })
                if (rule.Activity.HasFlag(activity)) data.Add(name, activity);
        }
        return data;
    }

    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var name in PlasticityRegistry.Names) data.Add(name);
        return data;
    }

    /// <summary>The rule with the hard bounds given (the defaults of everything else).</summary>
    private static PlasticitySpec Rule(string rule, double wMin, double wMax)
        => new(rule, P(("w_min", wMin), ("w_max", wMax)), new Dictionary<string, string>());

    /// <summary>
    /// Spiking: Poisson-driven lif_cuba "in" (20) onto lif_cuba "out" (10) through the plastic projection,
    /// with a static recurrent projection in "out"; spikes of both, v and I_ex of "out" sampled, weights
    /// snapshot at 0, 15 and 30 ms.
    /// </summary>
    private static NetworkSpec Spiking(string rule, SimulationMode mode = SimulationMode.Step) => new(
        new SimulationSpec(0.1, 30, Seed: 17) { Mode = mode },
        [
            new PopulationSpec("in", "lif_cuba", 20, Lif, RandomV),
            new PopulationSpec("out", "lif_cuba", 10, Lif, RandomV),
        ],
        [
            new ProjectionSpec(Plastic, "in", "out", "exc", new FixedProbabilityConnector(0.4), new UniformValue(0.5, 2.5), new UniformValue(0.1, 1.5))
                { Plasticity = Rule(rule, 0, 3) },
            new ProjectionSpec("rec", "out", "out", "exc", new FixedProbabilityConnector(0.2), new ConstantValue(0.5), new ConstantValue(1)),
        ],
        [
            new PoissonInputSpec("drive", "in", "exc", Rate: 4000, Weight: 2.0),
            new PoissonInputSpec("bg", "out", "exc", Rate: 3000, Weight: 1.8),
        ],
        [
            new SpikeMonitorSpec("in"), new SpikeMonitorSpec("out"), new StateMonitorSpec("out", ["v", "I_ex"], 0.5),
            new WeightMonitorSpec(Plastic, [0, 15, 30]),
        ]);

    /// <summary>
    /// Rates: rate_input "u" (4, a stepped current and noise) onto rate_tanh "x" (16), onto rate_tanh "y" (10)
    /// through the plastic projection; r of both sampled every step, weights snapshot at 0, 10 and 30 ms.
    /// </summary>
    private static NetworkSpec Rate(string rule) => new(
        new SimulationSpec(0.5, 30, Seed: 5),
        [
            new PopulationSpec("u", "rate_input", 4, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            new PopulationSpec("x", "rate_tanh", 16, P(("tau", 3)), new Dictionary<string, ValueSpec> { ["x"] = new UniformValue(-1, 1) }),
            new PopulationSpec("y", "rate_tanh", 10, P(("tau", 2)), new Dictionary<string, ValueSpec>()),
        ],
        [
            new ProjectionSpec("ux", "u", "x", "in", new AllToAllConnector(), new UniformValue(-1, 1), new ConstantValue(0)),
            new ProjectionSpec(Plastic, "x", "y", "in", new FixedProbabilityConnector(0.4), new NormalValue(0.2, 0.6), new ConstantValue(1))
                { Plasticity = Rule(rule, -2, 2) },
        ],
        [
            new CurrentInputSpec("signal", "u", [0, 10, 20], [0.8, -0.5, 1.2]) { Neurons = [0, 1, 2] },
            new NoiseInputSpec("wobble", "u", 0, 0.5),
        ],
        [new StateMonitorSpec("x", ["r"], 0.5), new StateMonitorSpec("y", ["x", "r"], 0.5), new WeightMonitorSpec(Plastic, [0, 10, 30])]);

    /// <summary>
    /// Stochastic binary units (what bgrnn needs): free-running binary_gated "g" (20) with the plastic
    /// recurrent projection (a constant delay of 1 step) and a static bias from an always-on rate_input unit.
    /// </summary>
    private static NetworkSpec Binary(string rule) => new(
        new SimulationSpec(1, 40, Seed: 21),
        [
            new PopulationSpec("g", "binary_gated", 20, P(("bias", -0.3), ("tau_x", 1.5)), new Dictionary<string, ValueSpec>()),
            new PopulationSpec("one", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
        ],
        [
            new ProjectionSpec(Plastic, "g", "g", "in", new FixedProbabilityConnector(0.4), new UniformValue(-0.5, 0.5), new ConstantValue(1))
                { Plasticity = Rule(rule, -1, 1) },
            new ProjectionSpec("bias", "one", "g", "in", new AllToAllConnector(), new UniformValue(-0.2, 0.2), new ConstantValue(0)),
        ],
        [new CurrentInputSpec("always_on", "one", [0], [1.0])],
        [new StateMonitorSpec("g", ["h", "x", "hx", "p"], 1), new WeightMonitorSpec(Plastic, [0, 20, 40])]);

    /// <summary>
    /// Attractor units (what hopfield_storage and boltzmann_learning need): boltzmann "a" (24, 0/1 units at
    /// T = 1) with the plastic all-to-all recurrent projection, s, h and e sampled every step. The storage
    /// rule starts the units from a cue; the learning rule learns 2×2 bars and stripes in epochs of 24 steps.
    /// </summary>
    private static NetworkSpec Attractor(string rule) => new(
        new SimulationSpec(1, 30, Seed: 23),
        [new PopulationSpec("a", "boltzmann", 24, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
        [
            new ProjectionSpec(Plastic, "a", "a", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(0), new ConstantValue(0))
            {
                Plasticity = new PlasticitySpec(rule, rule == "boltzmann_learning"
                    ? P(("visible", 4), ("phase_sweeps", 2), ("burn_in", 0))
                    : P(("patterns", 3), ("cue", 1), ("cue_flip", 0.3)), new Dictionary<string, string>()),
            },
        ],
        [],
        [new StateMonitorSpec("a", ["s", "h", "e"], 1), new WeightMonitorSpec(Plastic, [0, 15, 30])]);

    /// <summary>The networks a rule of each activity is tried on, in order: the first that validates with the rule is used.</summary>
    private static IEnumerable<(string Name, NetworkSpec Spec)> Candidates(string rule, PlasticityActivity activity)
        => activity == PlasticityActivity.Spikes
            ? [("spiking", Spiking(rule))]
            : [("rate", Rate(rule)), ("binary", Binary(rule)), ("attractor", Attractor(rule))];

    /// <summary>What the rule needs besides activity before a run (reward_stdp moves weights only with dopamine).</summary>
    private static void Prepare(ISimulation sim)
    {
        if (sim.Plasticity(Plastic) is RewardModulatedStdpRuntime reward) reward.AddReward(0.5);
    }

    [Theory]
    [MemberData(nameof(RulesAndActivities))]
    public void Every_rule_runs_on_every_step_engine_with_the_cpu_bits_or_is_refused_by_name(string name, PlasticityActivity activity)
    {
        var tried = new List<string>();
        NetworkSpec? spec = null;
        string network = "";
        foreach (var (candidate, s) in Candidates(name, activity))
        {
            var errors = NetworkValidator.Validate(s);
            if (errors.Count == 0)
            {
                (spec, network) = (s, candidate);
                break;
            }
            tried.Add($"{candidate}: {string.Join("; ", errors)}");
        }
        Assert.True(spec is not null, $"no network of this test suits rule '{name}' ({activity}); add one to Candidates. Tried: {string.Join(" | ", tried)}");

        var built = Network.Build(spec, 1).Projections.Single(p => p.Spec.Name == Plastic);
        var initialFloat = built.Synapses.Weight.ToArray();
        var initial = built.Plasticity!.Weights.ToArray();
        // A rule that sets the weights once, when built (hopfield_storage), is held to having set them then.
        bool once = !((PlasticityRuntime)built.Plasticity).ChangesWeightsEachStep;
        // (the attractor network's connector draws weight 0: the stored weights must differ from that,
        // and stay as they were through the run.)
        var drawn = once ? new double[initial.Length] : initial;
        var outcome = ParityRuns.CompareAll(spec, $"projection '{Plastic}'", cpu =>
        {
            // The run must have activity and learning for the comparison to mean anything.
            var record = cpu.Record;
            int spikes = record.SpikeIds.Sum(s => s.Count);
            if (activity == PlasticityActivity.Spikes) Assert.True(spikes > 50, $"{spikes} spikes");
            else Assert.Contains(record.StateValues.SelectMany(s => s).SelectMany(v => v), v => v != 0);
            var w = cpu.Rules[Plastic].Weights;
            var table = cpu.Network.Projections.Single(p => p.Spec.Name == Plastic).Synapses.Weight;
            int changed = Enumerable.Range(0, w.Length).Count(s => w[s] != drawn[s]);
            int changedFloat = Enumerable.Range(0, table.Length).Count(s => table[s] != (once ? 0f : initialFloat[s]));
            if (once) Assert.Equal(initial, w);
            // short-term plasticity keeps its baseline and changes the effective (float) weights
            Assert.True(Math.Max(changed, changedFloat) > w.Length / 4, $"{changed} weights and {changedFloat} effective weights of {w.Length} changed");
            var snapshots = record.Weights[spec.Monitors.Count - 1];
            Assert.Equal(3, snapshots.Count);
        }, Prepare);
        output.WriteLine($"rule '{name}' ({activity}, {network} network): {string.Join(" | ", outcome)}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void In_event_mode_a_rule_without_an_event_form_is_refused_by_name_and_one_with_it_runs(string name)
    {
        Assert.True(PlasticityRegistry.TryGet(name, out var rule));
        var spec = Spiking(name, SimulationMode.Event);
        if (!rule.SupportsEventDriven)
        {
            var errors = NetworkValidator.Validate(spec);
            Assert.Contains(errors, e => e.Path == "projections[0].plasticity" && e.Message.Contains($"rule '{name}' runs in the time-stepped kernel only"));
            var ex = Assert.Throws<SpecException>(() => Network.Build(spec, 1));
            Assert.Contains(ex.Errors, e => e.Message.Contains($"rule '{name}'"));
            output.WriteLine($"rule '{name}': refused in event mode");
            return;
        }
        Assert.True(rule.Activity.HasFlag(PlasticityActivity.Spikes), $"rule '{name}' says it runs event-driven but reads no spikes; the event kernel runs spiking models only");
        Assert.Empty(NetworkValidator.Validate(spec));
        var network = Network.Build(spec, 1);
        Assert.True(EngineCatalog.TryFind("cpu", SimulationMode.Event, out var engine, out _));
        Assert.Equal("cpu-event", engine.Name);
        Assert.Empty(engine.Unsupported(network, new EngineOptions()));
        var initial = network.Projections[0].Plasticity!.Weights.ToArray();
        var run = ParityRuns.On(network, new EngineOptions { Backend = "cpu" }, Prepare);
        int spikes = run.Record.SpikeIds[1].Count;
        Assert.True(spikes > 10, $"{spikes} output spikes in event mode");
        var w = run.Rules[Plastic].Weights;
        int changed = Enumerable.Range(0, w.Length).Count(s => w[s] != initial[s]);
        Assert.True(changed > w.Length / 4, $"{changed} of {w.Length} weights changed in event mode");
        // Snapshots at 0 and 15 ms (the one at the run's end, 30 ms, is missing in event mode:
        // Event_mode_takes_the_weight_snapshot_due_at_the_end_of_the_run).
        Assert.Equal([0.0, 15.0], run.Record.WeightTimes[3].Take(2));
        Assert.Equal(initial.Select(BitConverter.DoubleToInt64Bits), run.Record.Weights[3][0].Select(BitConverter.DoubleToInt64Bits));
        Assert.Contains(Enumerable.Range(0, w.Length), s => run.Record.Weights[3][1][s] != initial[s]);
        output.WriteLine($"rule '{name}': runs in event mode ({spikes} output spikes, {changed} of {w.Length} weights changed)");
    }

    /// <summary>
    /// <see cref="WeightMonitorSpec"/> says a snapshot due at the end of the run is taken after the last
    /// step; every engine takes it (the event-driven engine once dropped it: its loop samples while the time
    /// is below the end). Two lif_cuba neurons, a static projection, snapshots at 0 and 10 ms of a 10 ms run.
    /// </summary>
    [Fact]
    public void Event_mode_takes_the_weight_snapshot_due_at_the_end_of_the_run()
    {
        var spec = new NetworkSpec(new SimulationSpec(0.1, 10, Seed: 1),
            [new PopulationSpec("a", "lif_cuba", 2, Lif, new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("w", "a", "a", "exc", new AllToAllConnector(), new ConstantValue(1), new ConstantValue(1))],
            [],
            [new WeightMonitorSpec("w", [0, 10])]);
        var step = ParityRuns.On(spec, ParityRuns.Cpu);
        Assert.Equal([0.0, 10.0], step.Record.WeightTimes[0]);
        var evented = ParityRuns.On(spec with { Simulation = spec.Simulation with { Mode = SimulationMode.Event } }, ParityRuns.Cpu);
        Assert.Equal([0.0, 10.0], evented.Record.WeightTimes[0]);
    }
}
