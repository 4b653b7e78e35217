using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Spiking.Gpu;

/// <summary>Parses backend names and finds the devices present.</summary>
public static class DeviceBackends
{
    /// <summary>The names <c>--backend</c> accepts, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "cuda", "opencl", "ilgpu-cpu", "auto"];

    /// <summary>Parses a backend name (case-insensitive); false for anything not in <see cref="Names"/>.</summary>
    public static bool TryParse(string? name, out DeviceBackend backend)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "cpu": backend = DeviceBackend.Cpu; return true;
            case "cuda": backend = DeviceBackend.Cuda; return true;
            case "opencl": backend = DeviceBackend.OpenCL; return true;
            case "ilgpu-cpu": backend = DeviceBackend.IlgpuCpu; return true;
            case "auto": backend = DeviceBackend.Auto; return true;
            default: backend = DeviceBackend.Cpu; return false;
        }
    }

    /// <summary>The name of a backend as <c>--backend</c> and the HDF5 attribute <c>backend</c> write it.</summary>
    public static string Name(DeviceBackend backend) => backend switch
    {
        DeviceBackend.Cpu => "cpu",
        DeviceBackend.Cuda => "cuda",
        DeviceBackend.OpenCL => "opencl",
        DeviceBackend.IlgpuCpu => "ilgpu-cpu",
        _ => "auto",
    };

    /// <summary>
    /// Test hook: when set, <see cref="IsPresent"/> answers with it instead of asking the drivers, so that
    /// tests can pin what happens with and without a device.
    /// </summary>
    internal static Func<DeviceBackend, bool>? PresenceOverride { get; set; }

    /// <summary>Whether a device of this kind can be used here (<see cref="DeviceBackend.Cpu"/> and <see cref="DeviceBackend.IlgpuCpu"/> always can).</summary>
    public static bool IsPresent(DeviceBackend backend)
    {
        if (PresenceOverride is { } f) return f(backend);
        switch (backend)
        {
            case DeviceBackend.Cpu:
            case DeviceBackend.IlgpuCpu:
                return true;
            case DeviceBackend.Cuda:
            case DeviceBackend.OpenCL:
                try
                {
                    using var context = Context.Create(b => b.Default());
                    return backend == DeviceBackend.Cuda ? context.GetCudaDevices().Count > 0 : context.GetCLDevices().Count > 0;
                }
                catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
                {
                    return false; // no driver library: no device
                }
            default:
                return false;
        }
    }

    /// <summary>What <see cref="DeviceBackend.Auto"/> means here: CUDA when present, else the CPU kernel.</summary>
    public static DeviceBackend Resolve(DeviceBackend backend)
        => backend == DeviceBackend.Auto ? (IsPresent(DeviceBackend.Cuda) ? DeviceBackend.Cuda : DeviceBackend.Cpu) : backend;

    /// <summary>Creates the ILGPU context and accelerator of a device backend (not <see cref="DeviceBackend.Cpu"/>).</summary>
    internal static (Context Context, Accelerator Accelerator) Open(DeviceBackend backend)
    {
        var context = Context.Create(b => b.Default());
        try
        {
            Accelerator accelerator = backend switch
            {
                DeviceBackend.Cuda when context.GetCudaDevices().Count > 0 => context.CreateCudaAccelerator(0),
                DeviceBackend.OpenCL when context.GetCLDevices().Count > 0 => context.CreateCLAccelerator(0),
                DeviceBackend.IlgpuCpu => context.CreateCPUAccelerator(0),
                DeviceBackend.Cuda or DeviceBackend.OpenCL => throw new DeviceUnsupportedException($"no {Name(backend)} device found"),
                _ => throw new ArgumentException($"backend {Name(backend)} is not a device backend", nameof(backend)),
            };
            return (context, accelerator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}
