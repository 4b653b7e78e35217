using ILGPU;
using ILGPU.Runtime;
using static Spiking.Gpu.DeviceMemory;

namespace Spiking.Gpu;

/// <summary>
/// The per-population update, specialised for its model struct. Populations of one model share one
/// kernel and one <see cref="Batcher{T}"/>: their updates of a step go in launches
/// of up to eight populations.
/// </summary>
internal abstract class ModelUpdate
{
    /// <summary>Adds the population's update to its model's batch, with its fused Poisson input when <paramref name="hasPoisson"/> is 1.</summary>
    public abstract void Queue(int size, DeviceNeuronState s, SpikeOutput o, int hasPoisson, in PoissonLaunch poisson);
}

/// <summary>The update of a population whose model is a kernel struct: the generic device adapter, specialised for it.</summary>
internal sealed class KernelUpdates(DeviceSession device, int variables) : Models.IKernelVisitor<ModelUpdate>
{
    public ModelUpdate Visit<TKernel>(TKernel kernel) where TKernel : struct, Models.INeuronKernel
        => new ModelUpdate<KernelDevice<TKernel>>(device, new KernelDevice<TKernel>(kernel, variables));
}

internal sealed class ModelUpdate<TModel>(DeviceSession device, TModel model) : ModelUpdate where TModel : struct, IDeviceNeuronModel
{
    private readonly Batcher<UpdateLaunch<TModel>> _batch = device.Kernel(typeof(UpdateLaunch<TModel>), () =>
    {
        var kernel = device.Accelerator.AutoKernel<Batch<UpdateLaunch<TModel>>>(DeviceKernels.Update);
        var b = new Batcher<UpdateLaunch<TModel>>((neurons, batch) => kernel(neurons, batch));
        device.UpdateBatches.Add(b);
        return b;
    });

    public override void Queue(int size, DeviceNeuronState s, SpikeOutput o, int hasPoisson, in PoissonLaunch poisson)
        => _batch.Add(new UpdateLaunch<TModel> { State = s, Model = model, Output = o, Size = size, HasPoisson = hasPoisson, Poisson = poisson }, size);
}

/// <summary>The update of a population with precise spike times, specialised for its model struct: one launch per population.</summary>
internal abstract class PreciseUpdate
{
    public abstract void Queue(DevicePopulation p, long n, SpikeOutput o);
}

internal sealed class PreciseUpdate<TModel>(DeviceSession device, TModel model) : PreciseUpdate where TModel : struct, IDevicePreciseModel
{
    private readonly Action<Index1D, PreciseLaunch<TModel>> _kernel = device.Kernel(typeof(PreciseLaunch<TModel>),
        () => device.Accelerator.AutoKernel<PreciseLaunch<TModel>>(DeviceKernels.UpdatePrecise));

    public override void Queue(DevicePopulation p, long n, SpikeOutput o) => _kernel(p.Size, new PreciseLaunch<TModel>
    {
        State = p.State(n),
        Model = model,
        Output = o,
        Offsets = p.Offsets!.View,
        Lists = p.Lists,
        Slot = (int)(n % p.RingLength),
    });
}
