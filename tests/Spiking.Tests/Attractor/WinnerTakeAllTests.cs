using Spiking.Cpu;
using Spiking.Description;
using Spiking.Engine;
using Xunit.Abstractions;

namespace Spiking.Tests.Attractor;

/// <summary>
/// Winner-take-all by lateral inhibition (Dayan &amp; Abbott 2001, ch. 7): threshold-linear rate_linear units,
/// τ dx_i/dt = −x_i + I_i − β Σ_{j≠i} r_j, r = [x]₊. While two units are active, x_i − x_j grows as
/// e^((β−1)t/τ) from the difference of their inputs, so for β &gt; 1 the unit with the largest input
/// stays ahead and, once β I_max exceeds every other input, is the only one left, at r = I_max.
/// </summary>
public class WinnerTakeAllTests(ITestOutputHelper output)
{
    internal static NetworkSpec RateCircuit(double[] inputs, double beta, double duration = 300)
        => new(new SimulationSpec(0.1, duration, Seed: 1, Threads: 1),
            [new PopulationSpec("wta", "rate_linear", inputs.Length, new Dictionary<string, double> { ["tau"] = 10, ["rectify"] = 1 }, new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("inhibition", "wta", "wta", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(-beta), new ConstantValue(0))],
            inputs.Select((a, k) => (InputSpec)new CurrentInputSpec($"input{k}", "wta", [0], [a]) { Neurons = [k] }).ToArray(),
            []);

    /// <summary>Inputs uniform in [0.5, 1.5] whose largest is at least 5 % above the second.</summary>
    internal static double[] Inputs(System.Random rng, int n)
    {
        while (true)
        {
            var a = Enumerable.Range(0, n).Select(_ => Math.Round(0.5 + rng.NextDouble(), 4)).ToArray();
            var sorted = a.OrderDescending().ToArray();
            if (sorted[0] >= 1.05 * sorted[1]) return a;
        }
    }

    [Fact]
    public void The_unit_with_the_largest_input_wins_whenever_the_top_two_differ_by_5_percent()
    {
        var rng = new System.Random(5);
        int trials = 40;
        double worstLoser = 0, worstWinner = 0;
        for (int t = 0; t < trials; t++)
        {
            var inputs = Inputs(rng, 8);
            var network = Network.Build(RateCircuit(inputs, 1.5), 1);
            using (var sim = new Simulator(network, 1)) sim.Run();
            var r = network.Population("wta").Group.Variable("r");
            int winner = Array.IndexOf(inputs, inputs.Max());
            Assert.Equal(winner, Array.IndexOf(r, r.Max()));
            worstWinner = Math.Max(worstWinner, Math.Abs(r[winner] - inputs[winner]));
            for (int k = 0; k < r.Length; k++) if (k != winner) worstLoser = Math.Max(worstLoser, r[k]);
        }
        output.WriteLine($"{trials} trials: winner's rate within {worstWinner:E2} of its input, largest loser rate {worstLoser:E2}");
        Assert.True(worstLoser == 0, "a loser is still active");
        Assert.True(worstWinner < 1e-6, $"winner's rate off by {worstWinner}");
    }

    [Fact]
    public void Without_enough_inhibition_the_circuit_is_not_winner_take_all()
    {
        // β = 0.5 < 1: a stable state with several units active (the control of the test above).
        var inputs = new[] { 1.0, 0.9, 0.8, 0.7 };
        var network = Network.Build(RateCircuit(inputs, 0.5), 1);
        using (var sim = new Simulator(network, 1)) sim.Run();
        var r = network.Population("wta").Group.Variable("r");
        output.WriteLine($"beta 0.5: r = {string.Join(", ", r.Select(x => x.ToString("F4")))}");
        // All four active: r_i = 2 I_i − R with R = Σr = 2 ΣI / 5 (from r_i = I_i − β(R − r_i), β = 1/2).
        double total = 2 * inputs.Sum() / 5;
        for (int k = 0; k < 4; k++) Assert.Equal(2 * inputs[k] - total, r[k], 1e-5); // slowest mode decays with τ/(1 − β) = 20 ms: e^(−15) after 300 ms
    }

    [Fact]
    public void Soft_winner_take_all_of_stochastic_units_picks_each_unit_with_the_softmax_of_the_inputs()
    {
        // Boltzmann units (T = 1) with fields u_k + c and mutual inhibition −β (Nessler et al. 2013; the
        // stochastic soft WTA of Kappel et al. 2014): the states with exactly one unit on, e_k, have
        // p(e_k) ∝ exp(u_k + c), so among them the winner is k with probability softmax(u)_k exactly.
        double[] u = [0.3, -0.4, 1.0, 0.0, -1.0];
        const double c = 6, beta = 10;
        int n = u.Length;
        var spec = new NetworkSpec(new SimulationSpec(1, 200_100, Seed: 9, Threads: 1),
            [
                new PopulationSpec("wta", "boltzmann", n, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("one", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("inhibition", "wta", "wta", "in", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(-beta), new ConstantValue(0)),
                new ProjectionSpec("drive", "one", "wta", "ext", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0)),
            ],
            [new CurrentInputSpec("on", "one", [0], [1.0])], []);
        var network = Network.Build(spec, 1);
        var drive = network.Projections[1].Synapses;
        for (int k = 0; k < n; k++) drive.Weight[k] = (float)(u[drive.Target[k]] + c);
        var s = network.Population("wta").Group.Variable("s");
        var wins = new long[n];
        long oneHot = 0, samples = 0;
        using var sim = new Simulator(network, 1);
        sim.AfterUpdate(step =>
        {
            if (step < 100) return;
            samples++;
            int on = 0, last = -1;
            for (int k = 0; k < n; k++) if (s[k] == 1) { on++; last = k; }
            if (on != 1) return;
            oneHot++;
            wins[last]++;
        });
        sim.Run();
        double z = u.Sum(x => Math.Exp((float)(x + c) - c));
        var softmax = u.Select(x => Math.Exp((float)(x + c) - c) / z).ToArray();
        var observed = wins.Select(w => w / (double)oneHot).ToArray();
        double worst = softmax.Zip(observed, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"one unit on in {oneHot / (double)samples:P1} of {samples} sweeps; winner frequencies {string.Join(", ", observed.Select(x => x.ToString("F4")))}; softmax {string.Join(", ", softmax.Select(x => x.ToString("F4")))}; largest difference {worst:F4}");
        Assert.True(worst < 0.01, $"winner frequencies differ from the softmax by {worst}");
    }

    /// <summary>
    /// Spiking hard WTA: lif_cuba neurons driven by constant currents I_k (nA), each spike inhibiting every
    /// other neuron by <paramref name="inhibition"/> mV of I_in (τ_in = 10 ms) one step later.
    /// </summary>
    internal static NetworkSpec SpikingCircuit(double[] currents, double inhibition, double duration = 500)
        => new(new SimulationSpec(0.1, duration, Seed: 1, Threads: 1),
            [new PopulationSpec("wta", "lif_cuba", currents.Length, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
            [new ProjectionSpec("inhibition", "wta", "wta", "inh", new AllToAllConnector { AllowAutapses = false }, new ConstantValue(-inhibition), new ConstantValue(0.1))],
            currents.Select((a, k) => (InputSpec)new CurrentInputSpec($"input{k}", "wta", [0], [a]) { Neurons = [k] }).ToArray(),
            [new SpikeMonitorSpec("wta")]);

    [Fact]
    public void In_the_spiking_circuit_the_neuron_with_the_largest_input_wins_whenever_the_top_two_differ_by_5_percent()
    {
        // Currents 0.4·[0.5, 1.5] nA (rheobase (V_th − E_L)/R_m = 0.2 nA): the neuron with the largest
        // current reaches threshold first; with 40 mV of lateral inhibition per spike (about 60 mV of
        // standing inhibitory current at its rate, more than any other neuron's drive above threshold,
        // at most 40 mV) no other neuron fires after the first 20 ms (a neuron whose current is within a
        // few percent can reach threshold before the first inhibition arrives: one spike of the race).
        var rng = new System.Random(8);
        int trials = 20;
        var rates = new List<double>();
        int raced = 0;
        for (int t = 0; t < trials; t++)
        {
            var currents = Inputs(rng, 8).Select(x => 0.4 * x).ToArray();
            var record = new Spiking.Engine.MemoryRecorder();
            var network = Network.Build(SpikingCircuit(currents, 40), 1);
            using (var sim = new Simulator(network, 1)) sim.Run(recorder: record);
            var counts = new int[8];
            var late = new int[8];
            for (int k = 0; k < record.SpikeIds[0].Count; k++)
            {
                counts[record.SpikeIds[0][k]]++;
                if (record.SpikeTimes[0][k] > 20) late[record.SpikeIds[0][k]]++;
            }
            int winner = Array.IndexOf(currents, currents.Max());
            Assert.Equal(winner, Array.IndexOf(counts, counts.Max()));
            Assert.True(late.Where((_, k) => k != winner).All(c => c == 0), $"trial {t}: losers fired after 20 ms: {string.Join(",", late)}");
            raced += counts.Where((_, k) => k != winner).Sum();
            rates.Add(counts[winner] / 0.5);
        }
        output.WriteLine($"{trials} trials: after 20 ms only the neuron with the largest current fired ({rates.Min():F0}-{rates.Max():F0} Hz); {raced} loser spikes in all in the first 20 ms");
    }
}
