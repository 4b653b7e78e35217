using Spiking.Engine;
using Spiking.Runtime;

namespace Spiking.Gpu;

/// <summary>
/// The monitors of a spec on the device: spike and rate monitors are the shared <see cref="GridMonitors"/>
/// (the block replay feeds them step by step, as the CPU engine does); state and weight monitors are the
/// device's own samplers of the shared plans.
/// </summary>
internal static class DeviceMonitors
{
    /// <summary>
    /// Resolves the monitors of <paramref name="network"/>'s spec once (<see cref="GridMonitors"/>) and makes
    /// the device form of its state monitors (on their population in <paramref name="pops"/>) and weight
    /// monitors (with the projection's device rule in <paramref name="rules"/> when it is plastic).
    /// </summary>
    public static (GridMonitors Shared, DeviceStateMonitor[] States, DeviceWeightMonitor[] Weights)
        Create(DeviceSession device, Network network, DevicePopulation[] pops, DeviceRule[] rules)
    {
        var shared = new GridMonitors(network);
        var states = shared.States.Select(m => new DeviceStateMonitor(device, m.Index, pops[m.Population.Index], m.Variables, m.Neurons, m.IntervalSteps(network.Dt))).ToArray();
        var weights = shared.Weights.Select(m => new DeviceWeightMonitor(m.Index, m.Projection, m.Steps(network.Dt), rules.FirstOrDefault(x => x.Projection.Host == m.Projection))).ToArray();
        return (shared, states, weights);
    }
}
