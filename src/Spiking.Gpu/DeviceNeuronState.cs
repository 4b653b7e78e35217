using ILGPU;

namespace Spiking.Gpu;

/// <summary>
/// The device views one population's update reads and writes this step. X0–X2 are the model's state
/// variables in the model's own order (v, I_ex, I_in for lif_cuba; v for lif_delta; v, g_ex, g_in for
/// lif_coba; v, u, I_syn for izhikevich). InEx/InIn are this step's ring slots of the two receptors,
/// read and cleared by the update when <see cref="HasEx"/>/<see cref="HasIn"/> (receptors fed straight
/// into a state variable have none); Iext is the injected current, all zero unless <see cref="HasCur"/>.
/// </summary>
internal struct DeviceNeuronState
{
    public ArrayView<double> X0, X1, X2, InEx, InIn, Iext;
    /// <summary>State variables four and five (binary_gated's p and a), else a dummy view.</summary>
    public ArrayView<double> X3, X4;
    public ArrayView<int> Refr;
    public int HasEx, HasIn, HasCur;
}

/// <summary>Where the update kernel writes spikes: the population's append list.</summary>
internal struct SpikeOutput
{
    /// <summary>Per population [appended so far in this block, where this step's spikes start].</summary>
    public ArrayView<int> Counters;
    /// <summary>The population's spike ids of the block, appended in arrival order.</summary>
    public ArrayView<int> Records;
    public int Population;
}
