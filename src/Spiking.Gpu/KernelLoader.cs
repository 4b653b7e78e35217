using System.Reflection;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Spiking.Gpu;

/// <summary>
/// Loads the device kernels: on CUDA from PTX rounded by <see cref="PtxRounding"/>, elsewhere as ILGPU
/// loads them; and counts every launch per accelerator (<see cref="LaunchCount"/>), since on a GPU the
/// cost of a step of a small network is mostly its launches.
/// </summary>
internal static class KernelLoader
{
    private static readonly ConditionalWeakTable<Accelerator, StrongBox<long>> Launches = new();

    /// <summary>Kernel launches on <paramref name="acc"/> so far, through these loaders.</summary>
    public static long LaunchCount(Accelerator acc) => Launches.GetOrCreateValue(acc).Value;

    /// <summary>Compiles <paramref name="method"/> with the accelerator's backend, rounds it and loads it.</summary>
    private static TLaunch Load<TLaunch>(CudaAccelerator acc, MethodInfo method, bool implicitGroups) where TLaunch : Delegate
    {
        var entry = implicitGroups ? EntryPointDescription.FromImplicitlyGroupedKernel(method) : EntryPointDescription.FromExplicitlyGroupedKernel(method);
        var compiled = PtxRounding.Round((PTXCompiledKernel)acc.CompileKernel(entry));
        var kernel = implicitGroups ? acc.LoadAutoGroupedKernel(compiled) : acc.LoadKernel(compiled);
        return kernel.CreateLauncherDelegate<TLaunch>();
    }

    // The loaders the simulator uses in place of ILGPU's LoadAutoGroupedStreamKernel and LoadStreamKernel:
    // the same launchers on the default stream, from rounded PTX on CUDA, ILGPU's own elsewhere; each
    // launch is counted.

    public static Action<Index1D, T1> AutoKernel<T1>(this Accelerator acc, Action<Index1D, T1> k)
        where T1 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadAutoGroupedStreamKernel(k);
            return (i, a) => { count.Value++; own(i, a); };
        }
        var launch = Load<Action<AcceleratorStream, Index1D, T1>>(cuda, k.Method, true);
        return (i, a) => { count.Value++; launch(acc.DefaultStream, i, a); };
    }

    public static Action<Index1D, T1, T2> AutoKernel<T1, T2>(this Accelerator acc, Action<Index1D, T1, T2> k)
        where T1 : struct where T2 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadAutoGroupedStreamKernel(k);
            return (i, a, b) => { count.Value++; own(i, a, b); };
        }
        var launch = Load<Action<AcceleratorStream, Index1D, T1, T2>>(cuda, k.Method, true);
        return (i, a, b) => { count.Value++; launch(acc.DefaultStream, i, a, b); };
    }

    public static Action<Index1D, T1, T2, T3> AutoKernel<T1, T2, T3>(this Accelerator acc, Action<Index1D, T1, T2, T3> k)
        where T1 : struct where T2 : struct where T3 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadAutoGroupedStreamKernel(k);
            return (i, a, b, c) => { count.Value++; own(i, a, b, c); };
        }
        var launch = Load<Action<AcceleratorStream, Index1D, T1, T2, T3>>(cuda, k.Method, true);
        return (i, a, b, c) => { count.Value++; launch(acc.DefaultStream, i, a, b, c); };
    }

    public static Action<Index1D, T1, T2, T3, T4> AutoKernel<T1, T2, T3, T4>(this Accelerator acc, Action<Index1D, T1, T2, T3, T4> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadAutoGroupedStreamKernel(k);
            return (i, a, b, c, d) => { count.Value++; own(i, a, b, c, d); };
        }
        var launch = Load<Action<AcceleratorStream, Index1D, T1, T2, T3, T4>>(cuda, k.Method, true);
        return (i, a, b, c, d) => { count.Value++; launch(acc.DefaultStream, i, a, b, c, d); };
    }

    public static Action<Index1D, T1, T2, T3, T4, T5> AutoKernel<T1, T2, T3, T4, T5>(this Accelerator acc, Action<Index1D, T1, T2, T3, T4, T5> k)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadAutoGroupedStreamKernel(k);
            return (i, a, b, c, d, e) => { count.Value++; own(i, a, b, c, d, e); };
        }
        var launch = Load<Action<AcceleratorStream, Index1D, T1, T2, T3, T4, T5>>(cuda, k.Method, true);
        return (i, a, b, c, d, e) => { count.Value++; launch(acc.DefaultStream, i, a, b, c, d, e); };
    }

    public static Action<KernelConfig, T1> GroupedKernel<T1>(this Accelerator acc, Action<T1> k)
        where T1 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadStreamKernel(k);
            return (g, a) => { count.Value++; own(g, a); };
        }
        var launch = Load<Action<AcceleratorStream, KernelConfig, T1>>(cuda, k.Method, false);
        return (g, a) => { count.Value++; launch(acc.DefaultStream, g, a); };
    }

    public static Action<KernelConfig, T1, T2> GroupedKernel<T1, T2>(this Accelerator acc, Action<T1, T2> k)
        where T1 : struct where T2 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadStreamKernel(k);
            return (g, a, b) => { count.Value++; own(g, a, b); };
        }
        var launch = Load<Action<AcceleratorStream, KernelConfig, T1, T2>>(cuda, k.Method, false);
        return (g, a, b) => { count.Value++; launch(acc.DefaultStream, g, a, b); };
    }

    public static Action<KernelConfig, T1, T2, T3> GroupedKernel<T1, T2, T3>(this Accelerator acc, Action<T1, T2, T3> k)
        where T1 : struct where T2 : struct where T3 : struct
    {
        var count = Launches.GetOrCreateValue(acc);
        if (acc is not CudaAccelerator cuda)
        {
            var own = acc.LoadStreamKernel(k);
            return (g, a, b, c) => { count.Value++; own(g, a, b, c); };
        }
        var launch = Load<Action<AcceleratorStream, KernelConfig, T1, T2, T3>>(cuda, k.Method, false);
        return (g, a, b, c) => { count.Value++; launch(acc.DefaultStream, g, a, b, c); };
    }
}
