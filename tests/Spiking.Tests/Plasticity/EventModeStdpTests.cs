using Spiking.Description;
using Spiking.Engine;
using Spiking.EventDriven;
using Spiking.Plasticity;
using Xunit.Abstractions;
using static Spiking.Tests.Plasticity.PairingNetworks;

namespace Spiking.Tests.Plasticity;

/// <summary>
/// Pair STDP in the event-driven kernel: spikes at exact times, traces decayed over exact intervals,
/// so the pairing protocol gives the rule's window for any Δt, not only multiples of dt.
/// </summary>
public class EventModeStdpTests(ITestOutputHelper output)
{
    private const double T0 = 150, APlus = 0.01, AMinus = 0.0105, TauPlus = 16.8, TauMinus = 33.7;

    private static NetworkSpec Spec(double[] deltas, string pairing, IReadOnlyList<MonitorSpec>? monitors = null)
    {
        var rule = Rule("stdp",
            new() { ["tau_plus"] = TauPlus, ["tau_minus"] = TauMinus, ["A_plus"] = APlus, ["A_minus"] = AMinus, ["w_min"] = double.NegativeInfinity },
            new() { ["pairing"] = pairing, ["update"] = "additive" });
        var spec = Pairs(0.1, 300, deltas.Select(_ => new[] { T0 }).ToArray(), deltas.Select(d => new[] { T0 + d }).ToArray(), rule, 0, monitors);
        return spec with { Simulation = spec.Simulation with { Mode = SimulationMode.Event } };
    }

    [Theory]
    [InlineData("all")]
    [InlineData("nearest")]
    public void Off_grid_pairings_in_event_mode_give_the_window_formula(string pairing)
    {
        // Δt = −98.63 … +98.63 ms in steps of 1.37 ms: none of them a multiple of 0.1 ms except 0.
        var deltas = Enumerable.Range(-72, 145).Select(k => k * 1.37).ToArray();
        var network = Network.Build(Spec(deltas, pairing));
        var rec = new MemoryRecorder();
        new EventSimulator(network).Run(recorder: rec);
        Assert.Equal(deltas.Length, rec.SpikeIds[1].Count);
        var w = network.Projections[0].Plasticity!.Weights;
        double worst = 0;
        for (int k = 0; k < deltas.Length; k++)
            worst = Math.Max(worst, Math.Abs(w[k] - PairStdp.Window(deltas[k], APlus, AMinus, TauPlus, TauMinus)));
        output.WriteLine($"{pairing}: max |Δw − W(Δt)| = {worst:E2} over {deltas.Length} off-grid pairings");
        Assert.True(worst < 1e-12, $"max deviation {worst}");
    }

    [Fact]
    public void Weight_snapshots_are_taken_in_event_mode()
    {
        var spec = Spec([10.0, -10.0], "all", [new SpikeMonitorSpec("pre"), new WeightMonitorSpec("syn", [0.0, 200.0])]);
        var network = Network.Build(spec);
        var rec = new MemoryRecorder();
        new EventSimulator(network).Run(recorder: rec);
        Assert.Equal([0.0, 200.0], rec.WeightTimes[1]);
        Assert.Equal([0.0, 0.0], rec.Weights[1][0]);
        Assert.Equal(PairStdp.Window(10, APlus, AMinus, TauPlus, TauMinus), rec.Weights[1][1][0], 12);
        Assert.Equal(PairStdp.Window(-10, APlus, AMinus, TauPlus, TauMinus), rec.Weights[1][1][1], 12);
    }

    [Fact]
    public void Rules_without_an_event_form_are_refused_in_event_mode_naming_those_that_have_one()
    {
        var spec = Spec([10.0], "all");
        spec = spec with { Projections = [spec.Projections[0] with { Plasticity = Rule("triplet_stdp") }] };
        var ex = Assert.Throws<SpecException>(() => Network.Build(spec));
        var error = Assert.Single(ex.Errors, e => e.Path == "projections[0].plasticity");
        Assert.Contains("rule 'triplet_stdp' runs in the time-stepped kernel only", error.Message);
        Assert.Contains("rules that run in event mode: stdp", error.Message);
    }
}
