using System.Globalization;
using Spiking.Runtime;

namespace Spiking.Gpu;

// What the device simulator adds to be an ISimulation: the names written into outputs and the clause
// the command line prints. Kept apart so the simulator's own file stays the run loop.
public sealed partial class DeviceSimulator
{
    /// <summary>One thread on the host drives the device.</summary>
    public int Threads => 1;

    /// <inheritdoc/>
    string ISimulation.Backend => DeviceBackends.Name(Backend);

    /// <inheritdoc/>
    public string Mode => _sums == DeviceSums.Fast ? "step-fast" : "step";

    /// <inheritdoc/>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        ", uploaded to {0} ({1}) in {2:F2} s, {3:F1} MiB of device memory; simulating {4} ms at dt {5} ms with {6} sums",
        DeviceBackends.Name(Backend), DeviceName, UploadSeconds, DeviceBytes / 1048576.0, _net.Spec.Simulation.Duration, _net.Spec.Simulation.Dt,
        _sums == DeviceSums.Fast ? "fast" : "deterministic");
}
