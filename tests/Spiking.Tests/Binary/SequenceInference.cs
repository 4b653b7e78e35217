using Spiking.Models;

namespace Spiking.Tests.Binary;

/// <summary>
/// A test inference hook: in step t it sets the population's gates and amplitudes to row t of
/// pre-generated sequences (the last row after the end), and keeps a copy of the prior logits it was
/// given, so that a test can compare them with its own replay of the network.
/// </summary>
internal sealed class SequenceInference(double[][] h, double[][] x) : IGatedInference
{
    public List<double[]> Logits { get; } = [];

    /// <summary>Whether to keep the logits (off for long learning runs).</summary>
    public bool KeepLogits { get; init; } = true;

    public void Infer(long step, ReadOnlySpan<double> priorLogits, Span<double> gates, Span<double> amplitudes)
    {
        int t = (int)Math.Min(step, h.Length - 1);
        h[t].CopyTo(gates);
        x[t].CopyTo(amplitudes);
        if (KeepLogits) Logits.Add(priorLogits.ToArray());
    }
}
