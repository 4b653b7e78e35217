using Spiking.Connectors;

namespace Spiking.Plasticity;

/// <summary>
/// The synapses of a projection by postsynaptic neuron (a column index over the rows of a
/// <see cref="SynapseTable"/>): the synapses onto neuron i are <see cref="Synapse"/>[Start[i] .. Start[i+1]),
/// in row (presynaptic) order, and <see cref="Pre"/> holds their presynaptic neurons. Built only for
/// plastic projections, so that a postsynaptic spike reaches the synapses onto its neuron.
/// </summary>
public sealed class SynapseColumns
{
    /// <summary>Builds the column index of <paramref name="table"/> onto <paramref name="postSize"/> postsynaptic neurons.</summary>
    public SynapseColumns(SynapseTable table, int postSize)
    {
        var target = table.Target;
        Start = new int[postSize + 1];
        foreach (var t in target) Start[t + 1]++;
        for (int i = 0; i < postSize; i++) Start[i + 1] += Start[i];
        Synapse = new int[target.Length];
        Pre = new int[target.Length];
        var next = Start[..postSize];
        int rows = table.RowStart.Length - 1;
        for (int j = 0; j < rows; j++)
            for (long s = table.RowStart[j]; s < table.RowStart[j + 1]; s++)
            {
                int c = next[target[s]]++;
                Synapse[c] = (int)s;
                Pre[c] = j;
            }
    }

    /// <summary>Column offsets, length post size + 1.</summary>
    public int[] Start { get; }
    /// <summary>Synapse index (into the table's arrays) per column entry.</summary>
    public int[] Synapse { get; }
    /// <summary>Presynaptic neuron per column entry.</summary>
    public int[] Pre { get; }
}
