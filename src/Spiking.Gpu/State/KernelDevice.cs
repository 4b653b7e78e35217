using Spiking.Models;

namespace Spiking.Gpu;

/// <summary>
/// Any model written as an <see cref="INeuronKernel"/>, on the device: loads one neuron's state and
/// input from the population's views, calls the model's kernel and stores the result, exactly as
/// <see cref="KernelGroup{TKernel}"/> does on the CPU (input read and cleared only where a ring exists,
/// the current only when present, each flagged in the input), so both backends give the same bits with no model-specific code here.
/// </summary>
internal readonly struct KernelDevice<TKernel>(TKernel kernel, int variables) : IDeviceNeuronModel where TKernel : struct, INeuronKernel
{
    private readonly TKernel _kernel = kernel;
    private readonly int _variables = variables;

    public bool Step(int i, DeviceNeuronState s)
    {
        var x = new NeuronState { X0 = s.X0[i], Refractory = s.Refr[i] };
        if (_variables > 1) x.X1 = s.X1[i];
        if (_variables > 2) x.X2 = s.X2[i];
        if (_variables > 3) x.X3 = s.X3[i];
        var input = new NeuronInput();
        if (s.HasEx != 0) { input.Receptor0 = s.InEx[i]; s.InEx[i] = 0; input.HasReceptor0 = true; }
        if (s.HasIn != 0) { input.Receptor1 = s.InIn[i]; s.InIn[i] = 0; input.HasReceptor1 = true; }
        if (s.HasCur != 0) { input.Current = s.Iext[i]; input.HasCurrent = true; }
        bool fired = _kernel.Step(ref x, input);
        s.X0[i] = x.X0; s.Refr[i] = x.Refractory;
        if (_variables > 1) s.X1[i] = x.X1;
        if (_variables > 2) s.X2[i] = x.X2;
        if (_variables > 3) s.X3[i] = x.X3;
        return fired;
    }
}
