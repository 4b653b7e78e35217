using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Readouts;

namespace ReservoirModes;

/// <summary>The neuron model of the reservoir and what goes with it: its parameters, its input port, and the scale of its weights.</summary>
public sealed record ReservoirUnits(string Model, IReadOnlyDictionary<string, double> Parameters, string Receptor, double InputWeight, double RecurrentWeight,
    double? SpectralRadius, IReadOnlyList<InputSpec> Background, double FilterTau = 20)
{
    /// <summary>Echo state network units: x ← (1 − a)x + a tanh(I), leak 0.3, recurrent weights scaled to spectral radius 0.9.</summary>
    public static ReservoirUnits Esn { get; } = new("rate_esn", new Dictionary<string, double> { ["leak"] = 0.3 }, "in", 1.0, 1.0, 0.9, []);

    /// <summary>
    /// Liquid state machine units: lif_cuba (τm 30 ms, θ 15 mV, reset 13.5 mV, R_m 1 MΩ, τ_syn 3 ms),
    /// above threshold by a background current of 16 nA (tonic firing); input and recurrent currents in
    /// nA; the readout filters the spike trains with τ = 5 ms.
    /// </summary>
    public static ReservoirUnits Lsm { get; } = new("lif_cuba",
        new Dictionary<string, double>
        {
            ["tau_m"] = 30, ["E_L"] = 0, ["V_th"] = 15, ["V_reset"] = 13.5, ["t_ref"] = 2, ["R_m"] = 1,
            ["tau_syn_ex"] = 3, ["tau_syn_in"] = 3,
        },
        "exc", 5.0, 2.0, null, [new CurrentInputSpec("background", "reservoir", [0.0], [16.0])], FilterTau: 5);
}

/// <summary>
/// One reservoir task written once: a rate_input unit carries the signal, a reservoir of
/// <see cref="ReservoirUnits"/> receives it through all-to-all input weights and is connected to itself
/// with probability 0.1, and a linear readout (ridge) learns the signal delayed by k steps. The ESN and
/// the LSM differ only in the units; the connectors, projections, readout type and task are the same
/// objects.
/// </summary>
public static class Reservoir
{
    /// <summary>The connector of the input projection (shared by both reservoirs).</summary>
    public static readonly ConnectorSpec InputConnector = new AllToAllConnector();

    /// <summary>The signal (shared by both reservoirs): the Mackey–Glass series, one sample per step.</summary>
    public static readonly SeriesSpec Signal = new("signal", "mackey_glass", new Dictionary<string, double> { ["tau"] = 17, ["h"] = 1 });

    /// <summary>The connector of the recurrent projection (shared by both reservoirs).</summary>
    public static readonly ConnectorSpec RecurrentConnector = new FixedProbabilityConnector(0.1) { AllowAutapses = false };

    /// <summary>The network and its readouts for <paramref name="units"/>: recall of the signal 0, 5 and 10 steps back.</summary>
    public static NetworkSpec Spec(ReservoirUnits units, int size = 300, double duration = 4000, ulong seed = 7)
    {
        var recurrent = new ProjectionSpec("recurrent", "reservoir", "reservoir", units.Receptor, RecurrentConnector,
            new NormalValue(0, units.RecurrentWeight), new ConstantValue(0))
        { SpectralRadius = units.SpectralRadius };
        return new NetworkSpec(
            new SimulationSpec(1.0, duration, seed, 1),
            [
                new PopulationSpec("input", "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>()),
                new PopulationSpec("reservoir", units.Model, size, units.Parameters, new Dictionary<string, ValueSpec>()),
            ],
            [
                new ProjectionSpec("input_weights", "input", "reservoir", units.Receptor, InputConnector, new UniformValue(-units.InputWeight, units.InputWeight), new ConstantValue(0)),
                recurrent,
            ],
            [new SeriesInputSpec("drive", "input", "signal"), .. units.Background],
            [])
        {
            Series = [Signal],
            Readouts = new[] { 0, 5, 10 }.Select(k => new ReadoutSpec($"recall_{k}", "reservoir", "signal")
            {
                Shift = -k, Washout = 200, Train = 3000, Method = ReadoutMethod.Ridge, Ridge = 1e-6, FilterTau = units.FilterTau,
            }).ToArray(),
        };
    }

    /// <summary>Runs the task; returns the simulator (its readouts are <see cref="LinearReadout"/> objects) and the scores.</summary>
    public static (Simulator Simulator, RunResult Result) Run(ReservoirUnits units, int size = 300, double duration = 4000, ulong seed = 7)
    {
        var sim = new Simulator(Network.Build(Spec(units, size, duration, seed)));
        return (sim, sim.Run());
    }
}
