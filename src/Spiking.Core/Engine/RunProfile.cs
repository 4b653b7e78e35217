namespace Spiking.Engine;

/// <summary>
/// Where the wall time of a run went: inputs (Poisson, spike times, currents), the neuron update
/// (including joining spikes), spike propagation, and recording (monitors and the recorder).
/// </summary>
public sealed record RunProfile(double InputSeconds, double UpdateSeconds, double PropagateSeconds, double RecordSeconds)
{
    /// <summary>Time spent in learning rules (short-term plasticity before propagation, the rest after).</summary>
    public double PlasticitySeconds { get; init; }

    /// <summary>The times in seconds as one line (plasticity only when there was any).</summary>
    public override string ToString()
        => FormattableString.Invariant($"inputs {InputSeconds:F3} s, update {UpdateSeconds:F3} s, propagation {PropagateSeconds:F3} s, ")
            + (PlasticitySeconds > 0 ? FormattableString.Invariant($"plasticity {PlasticitySeconds:F3} s, ") : "")
            + FormattableString.Invariant($"recording {RecordSeconds:F3} s");
}
