namespace Spiking.Connectors;

/// <summary>
/// The synapses of one projection in compressed sparse rows by presynaptic neuron: row i holds
/// entries [RowStart[i], RowStart[i+1]) of <see cref="Target"/>, <see cref="Weight"/> and
/// <see cref="Delay"/>. Within a row, targets are in the order the connector produced them.
/// When every synapse has the same delay, <see cref="Delay"/> is empty and
/// <see cref="ConstantDelay"/> holds it: 8 bytes per synapse instead of 10.
/// </summary>
public sealed class SynapseTable
{
    /// <summary>A table over the given arrays (kept, not copied).</summary>
    /// <param name="rowStart">Row offsets, length pre size + 1.</param>
    /// <param name="target">Postsynaptic neuron per synapse.</param>
    /// <param name="weight">Weight per synapse, in the receptor's unit.</param>
    /// <param name="delay">Delay per synapse in steps, or empty when constant.</param>
    /// <param name="constantDelay">The delay in steps when <paramref name="delay"/> is empty.</param>
    /// <param name="delayMs">Event mode only: the drawn delay per synapse in ms, not rounded to steps (null: none).</param>
    /// <param name="constantDelayMs">The projection's constant delay in ms as given (not rounded), when <paramref name="delayMs"/> is empty.</param>
    public SynapseTable(long[] rowStart, int[] target, float[] weight, ushort[] delay, ushort constantDelay,
        float[]? delayMs = null, double constantDelayMs = 0)
    {
        RowStart = rowStart; Target = target; Weight = weight; Delay = delay; ConstantDelay = constantDelay;
        DelayMs = delayMs ?? []; ConstantDelayMs = constantDelayMs;
    }

    /// <summary>Row offsets, length pre size + 1.</summary>
    public long[] RowStart { get; }
    /// <summary>Postsynaptic neuron per synapse.</summary>
    public int[] Target { get; }
    /// <summary>Weight per synapse, in the receptor's unit.</summary>
    public float[] Weight { get; }
    /// <summary>Delay per synapse in steps, or empty when constant.</summary>
    public ushort[] Delay { get; }
    /// <summary>The delay in steps when <see cref="Delay"/> is empty.</summary>
    public ushort ConstantDelay { get; }
    /// <summary>
    /// Event mode only: the drawn delay per synapse in ms, not rounded to steps (empty when the delay
    /// is constant or the table was built for the time-stepped kernel, which needs only <see cref="Delay"/>).
    /// </summary>
    public float[] DelayMs { get; }
    /// <summary>The projection's constant delay in ms as given (not rounded), when <see cref="DelayMs"/> is empty.</summary>
    public double ConstantDelayMs { get; }
    /// <summary>Number of synapses.</summary>
    public long Count => Target.LongLength;
    /// <summary>Largest delay in steps.</summary>
    public int MaxDelay => Delay.Length == 0 ? ConstantDelay : Delay.Max();
}
