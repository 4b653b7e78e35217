namespace Spiking.Gpu;

/// <summary>
/// A neuron model as a device kernel sees it: a plain struct holding the model's per-dt constants,
/// whose <see cref="Step"/> reads one neuron's inputs and calls the model's shared math
/// (<see cref="Models.LifCubaMath"/> and the like). Kernels take it as a generic struct parameter, so
/// ILGPU specialises them per model without virtual calls.
/// </summary>
internal interface IDeviceNeuronModel
{
    /// <summary>Advances neuron <paramref name="i"/> by one step; true if it fired.</summary>
    bool Step(int i, DeviceNeuronState s);
}
