using ILGPU;
using Spiking.Random;

namespace Spiking.Gpu;

/// <summary>Parameters of a Poisson input's kernel for one step.</summary>
internal struct PoissonLaunch
{
    public ArrayView<double> Into;
    public ArrayView<int> Neurons;
    public ArrayView<double> Table;
    public int HasNeurons;
    public uint K0, K1, C3;
    public ulong Block;
    public double Weight;
    /// <summary>λ per step of 30 or more: PTRS draws (<see cref="PhiloxStream.NextPoisson(double)"/>) instead of the table.</summary>
    public int Ptrs;
    public double Lambda;
    /// <summary>Neurons drawn for (the listed ones, or the whole target).</summary>
    public int Count;
}

/// <summary>Parameters of a noise input's kernel for one step.</summary>
internal struct NoiseLaunch
{
    public ArrayView<double> Into;
    public ArrayView<int> Neurons;
    public int HasNeurons;
    public uint K0, K1, C3;
    public ulong Step;
    public double Mean, Sd;
}

/// <summary>A spike-time input onto a precise population in one step: entries [Start, Start + Count) of its table (sorted by step, offset, neuron) go to the step's slot.</summary>
internal struct TimedTimesLaunch
{
    public ArrayView<int> Neurons;
    public ArrayView<double> Offsets;
    public TimedLists Lists;
    public int Start, Slot, RingLength, Input, Receptor;
    public double Weight;
}
