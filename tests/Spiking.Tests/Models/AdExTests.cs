using System.Text.Json;
using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Tests.Core;
using Spiking.Tests.Gpu;

namespace Spiking.Tests.Models;

/// <summary>
/// adex (Brette &amp; Gerstner 2005) against an independent reference: the four firing patterns of Naud
/// et al. 2008 solved by SciPy's DOP853 at rtol 1e-10 with the crossing of V_peak as an event
/// (benchmarks/compare/adex_reference.py, which wrote adex_reference.json), and against itself on the device.
/// </summary>
public class AdExTests
{
    private static JsonElement Pattern(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "benchmarks", "compare", "adex_reference.json")));
        return doc.RootElement.GetProperty("patterns").GetProperty(name).Clone();
    }

    /// <summary>One neuron per pattern with its parameters, v = E_L and w = 0 at the start, the pattern's current from t = 0.</summary>
    private static NetworkSpec Spec(JsonElement p, double dt, double duration)
    {
        double P(string key) => p.GetProperty(key).GetDouble();
        var parameters = new Dictionary<string, double>
        {
            ["C_m"] = P("C_pF"), ["g_L"] = P("g_L_nS"), ["E_L"] = P("E_L_mV"), ["V_T"] = P("V_T_mV"), ["Delta_T"] = P("Delta_T_mV"),
            ["a"] = P("a_nS"), ["tau_w"] = P("tau_w_ms"), ["b"] = P("b_nA"), ["V_reset"] = P("V_r_mV"), ["V_peak"] = P("V_peak_mV"),
            ["t_ref"] = P("refractory_ms"),
        };
        var initial = new Dictionary<string, ValueSpec> { ["v"] = new ConstantValue(P("V0_mV")), ["w"] = new ConstantValue(P("w0_nA")) };
        return new NetworkSpec(new SimulationSpec(dt, duration, Seed: 1, Threads: 1),
            [new PopulationSpec("n", "adex", 1, parameters, initial)], [],
            [new CurrentInputSpec("step", "n", [0.0], [P("I_nA")])], [new SpikeMonitorSpec("n")]);
    }

    [Theory]
    [InlineData("tonic", 0.1)]
    [InlineData("adapting", 0.1)]
    [InlineData("initial_burst", 0.1)]
    [InlineData("regular_bursting", 0.1)]
    [InlineData("tonic", 0.01)]
    [InlineData("regular_bursting", 0.01)]
    public void Naud_2008_firing_patterns_match_the_ODE_solution_in_spike_times_to_0_1_ms_over_500_ms(string pattern, double dt)
    {
        var p = Pattern(pattern);
        double[] expected = p.GetProperty("ode_spike_times_ms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var rec = new MemoryRecorder();
        using (var sim = new Simulator(Network.Build(Spec(p, dt, 500)))) sim.Run(recorder: rec);
        var got = rec.SpikeTimes[0];
        Assert.Equal(expected.Length, got.Count);
        // The grid stamps a spike at the end of its step: each must be stamped at the end of the step that
        // holds the ODE's crossing (so within dt ≤ 0.1 ms of it, and never before it).
        for (int k = 0; k < expected.Length; k++)
        {
            double stepEnd = Math.Ceiling(expected[k] / dt) * dt;
            Assert.True(Math.Abs(got[k] - stepEnd) <= 1e-9 && got[k] - expected[k] <= 0.1,
                $"{pattern}, dt {dt} ms: spike {k} at {got[k]:R} ms, ODE {expected[k]:R} ms (end of its step {stepEnd:R} ms)");
        }
    }

    [Fact]
    public void Runs_on_the_device_with_the_cpu_backends_spikes_bit_for_bit()
    {
        // A small coupled network: the four patterns' currents onto four groups, recurrent excitation and inhibition.
        var p = Pattern("adapting");
        var spec = Spec(p, 0.1, 30);
        var pop = spec.Populations[0] with { Size = 24 };
        var proj = new ProjectionSpec("rec", "n", "n", "exc", new FixedProbabilityConnector(0.3), new ConstantValue(0.3), new ConstantValue(0.5));
        var inh = new ProjectionSpec("inh", "n", "n", "inh", new FixedProbabilityConnector(0.2), new ConstantValue(-0.2), new ConstantValue(1.0));
        spec = spec with
        {
            Populations = [pop],
            Projections = [proj, inh],
            Inputs = [new CurrentInputSpec("step", "n", [0.0, 10.0], [0.5, 0.45]), new PoissonInputSpec("bg", "n", "exc", 800, 0.2)],
            Monitors = [new SpikeMonitorSpec("n"), new StateMonitorSpec("n", ["v", "w"], 1.0)],
        };
        var cpu = DeviceCompare.Cpu(spec, out _);
        var dev = DeviceCompare.Device(spec, DeviceSums.Deterministic, out _);
        Assert.True(cpu.SpikeTimes[0].Count > 10, $"the network must fire: {cpu.SpikeTimes[0].Count} spikes");
        DeviceCompare.AssertSameSpikes(cpu, dev);
    }
}
