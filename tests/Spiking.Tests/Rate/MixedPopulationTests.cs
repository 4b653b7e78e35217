using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Tests.Rate;

/// <summary>
/// Rate and spiking populations in one network: a rate unit drives a spiking neuron's synaptic
/// current (weight × output added every step), and spikes drive a rate unit (weight per spike,
/// filtered by the unit's time constant).
/// </summary>
public class MixedPopulationTests
{
    private static readonly Dictionary<string, ValueSpec> NoInit = [];

    [Fact]
    public void A_rate_unit_drives_a_spiking_neurons_synaptic_current_to_its_steady_state()
    {
        // rate_input r = 0.5 → lif_cuba I_ex: each step the update decays I_ex by p = e^{-dt/τ_syn} and
        // propagation adds w r, so the value sampled at a step's start settles at w r / (1 − p).
        double dt = 0.1, w = 0.2, r = 0.5, tau = 5;
        var spec = new NetworkSpec(
            new SimulationSpec(dt, 200, 1, 1),
            [
                new PopulationSpec("u", "rate_input", 1, new Dictionary<string, double>(), NoInit),
                new PopulationSpec("n", "lif_cuba", 1, new Dictionary<string, double> { ["tau_syn_ex"] = tau, ["V_th"] = 1000 }, NoInit),
            ],
            [new ProjectionSpec("drive", "u", "n", "exc", new AllToAllConnector(), new ConstantValue(w), new ConstantValue(0))],
            [new CurrentInputSpec("signal", "u", [0.0], [r])],
            [new StateMonitorSpec("n", ["I_ex"], 10)]);
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        double p = Math.Exp(-dt / tau);
        double expected = (float)w * r / (1 - p); // weights are stored as float32
        Assert.Equal(expected, rec.StateValues[0][^1][0], 9);
    }

    [Fact]
    public void Spikes_drive_a_rate_unit_to_the_mean_of_their_filtered_train()
    {
        // 200 Poisson sources at 20 Hz onto one rate_tanh unit (τ = 20 ms): the drive is w × (spikes in
        // the step), so x averages w × 200 × 20 Hz × 0.1 ms = 0.004.
        double dt = 0.1, w = 0.01, rate = 20;
        int sources = 200;
        var spec = new NetworkSpec(
            new SimulationSpec(dt, 5000, 3, 1),
            [
                new PopulationSpec("src", "poisson_source", sources, new Dictionary<string, double> { ["rate"] = rate }, NoInit),
                new PopulationSpec("x", "rate_tanh", 1, new Dictionary<string, double> { ["tau"] = 20 }, NoInit),
            ],
            [new ProjectionSpec("spikes", "src", "x", "in", new AllToAllConnector(), new ConstantValue(w), new ConstantValue(0))],
            [],
            [new StateMonitorSpec("x", ["x"], 1)]);
        var rec = new MemoryRecorder();
        using var sim = new Simulator(Network.Build(spec));
        sim.Run(recorder: rec);
        double mean = rec.StateValues[0].Skip(500).Average(s => s[0]); // after a 500 ms transient (25 τ)
        double expected = (float)w * sources * rate * dt * 1e-3;
        Assert.InRange(mean, expected * 0.97, expected * 1.03);
    }
}
