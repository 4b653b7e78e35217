namespace Spiking.Engine;

/// <summary>
/// Where the wall time of a run went: inputs (Poisson, spike times, currents), the neuron update
/// (including joining spikes), spike propagation, and recording (monitors and the recorder).
/// </summary>
public sealed record RunProfile(double InputSeconds, double UpdateSeconds, double PropagateSeconds, double RecordSeconds)
{
    public override string ToString()
        => FormattableString.Invariant($"inputs {InputSeconds:F3} s, update {UpdateSeconds:F3} s, propagation {PropagateSeconds:F3} s, recording {RecordSeconds:F3} s");
}
