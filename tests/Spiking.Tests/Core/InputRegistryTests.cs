using Spiking.Description;
using Spiking.Engine;
using Spiking.Inputs;
using Spiking.Runtime;
using Spiking.Tests.Parity;
using Spiking.Units;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.Core;

/// <summary>
/// An input kind registered by a program is read from a model file, checked with the file's line and
/// run by every step engine like a built-in one, with no engine code: it resolves into current steps.
/// </summary>
public class InputRegistryTests
{
    /// <summary>offset + amplitude·sin(2π·frequency·t) (nA, Hz) into the membrane.</summary>
    private sealed record SineCurrentInput(string Name, string Target, double Amplitude, double Frequency, double Offset) : InputSpec(Name, Target);

    private sealed class SineKind : InputKind<SineCurrentInput>
    {
        public override string Name => "test_sine";

        public override IReadOnlyList<string> Keys { get; } = ["amplitude", "frequency", "offset", "neurons"];

        public override SineCurrentInput Read(string name, string target, IInputFields f)
            => new(name, target, f.Quantity("amplitude", Dimension.Current, required: true) ?? 0,
                f.Quantity("frequency", Dimension.Frequency, required: true) ?? 0,
                f.Quantity("offset", Dimension.Current, required: false) ?? 0)
            { Neurons = f.IntList("neurons", required: false) };

        public override void Check(SineCurrentInput spec, InputCheck check)
        {
            if (!(spec.Frequency > 0)) check.Error("frequency", $"must be > 0 Hz (got {spec.Frequency})");
        }

        // One amplitude per step of the run, as a series input is played.
        public override void Resolve(SineCurrentInput spec, InputResolution r)
        {
            long steps = (long)Math.Round(r.Duration / r.Dt) + 1;
            var values = new double[steps];
            for (long s = 0; s < steps; s++) values[s] = spec.Offset + spec.Amplitude * Math.Sin(2 * Math.PI * spec.Frequency * s * r.Dt * 1e-3);
            var at = new long[steps];
            for (long s = 0; s < steps; s++) at[s] = s;
            r.Add(new CurrentSteps(r.Index, r.Population, null, at, values, spec.Neurons?.ToArray()));
        }
    }

    static InputRegistryTests() => InputRegistry.Register(new SineKind());

    private const string Sine = """
        [[inputs]]
        kind = "test_sine"
        name = "sine"
        target = "inh"
        amplitude = "0.4 nA"
        frequency = "20 Hz"
        offset = "0.6 nA"

        [[monitors]]
        kind = "spikes"
        population = "inh"

        [[monitors]]
        """;

    private static string WithSine(string find = "", string replacement = "")
    {
        var toml = Valid.Replace("[[monitors]]", Sine);
        return find.Length == 0 ? toml : toml.Replace(find, replacement);
    }

    [Fact]
    public void Built_in_kinds_come_first_in_the_order_messages_list_them()
    {
        Assert.Equal(["poisson", "spike_times", "current", "noise", "series"], InputRegistry.Names.Take(5));
        Assert.True(InputRegistry.TryGet(new NoiseInputSpec("n", "p", 0, 1), out var kind));
        Assert.Same(NoiseKind.Instance, kind);
        var ex = Fail(WithSine("kind = \"test_sine\"", "kind = \"test_sin\""));
        AssertError(ex, LineOf(WithSine(), "test_sine"), "inputs[1].kind", "unknown input kind 'test_sin'; expected poisson, spike_times, current, noise, series or test_sine");
    }

    [Fact]
    public void A_registered_kind_is_read_from_a_model_file()
    {
        var spec = Ok(WithSine());
        Assert.Equal(new SineCurrentInput("sine", "inh", 0.4, 20, 0.6), spec.Inputs[1]);
    }

    [Fact]
    public void A_registered_kind_checks_its_fields_with_the_line_and_refuses_unknown_keys()
    {
        var toml = WithSine("frequency = \"20 Hz\"", "frequency = \"0 Hz\"\n    rate = \"1 Hz\"");
        var ex = Fail(toml);
        AssertError(ex, LineOf(toml, "rate = \"1 Hz\""), "inputs[1].rate", "unknown key 'rate'", "allowed keys here: kind, name, target, amplitude, frequency, offset, neurons");
        AssertError(ex, LineOf(toml, "frequency = \"0 Hz\""), "inputs[1].frequency", "must be > 0 Hz (got 0)");
    }

    [Fact]
    public void A_registered_kind_runs_on_the_cpu_and_the_device_with_the_same_spikes()
    {
        var spec = Ok(WithSine());
        var network = Network.Build(spec, 1);
        var current = Assert.Single(InputPlan.Create(network).Currents);
        Assert.Equal((1, 1), (current.Index, current.Population));
        var cpu = ParityRuns.On(network, ParityRuns.Cpu);
        Assert.NotEmpty(cpu.Record.SpikeIds[0]); // inh, driven by the sine alone
        foreach (var (engine, options) in ParityRuns.OtherStepEngines())
            ParityRuns.AssertSame(cpu, ParityRuns.On(spec, options), $"{engine.Name} ({options.Backend})");
    }
}
