

namespace Spiking.Gpu;

/// <summary>A piecewise-constant current (the CPU's CurrentRuntime).</summary>
internal sealed class DeviceCurrentInput(DevicePopulation target, long[] steps, double[] amplitudes, int[]? neurons)
{
    private int _next;
    public DevicePopulation Target { get; } = target;
    public int[]? Neurons { get; } = neurons;
    public double Current => _next == 0 ? 0 : amplitudes[_next - 1];

    public bool Advance(long n)
    {
        bool changed = false;
        while (_next < steps.Length && steps[_next] <= n) { _next++; changed = true; }
        return changed;
    }
}
