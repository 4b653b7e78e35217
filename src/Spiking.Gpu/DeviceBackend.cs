namespace Spiking.Gpu;

/// <summary>Where a network runs: the names <c>--backend</c> takes.</summary>
public enum DeviceBackend
{
    /// <summary>The CPU kernel (<c>Spiking.Cpu.Simulator</c>); no ILGPU involved.</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA backend.</summary>
    Cuda,

    /// <summary>An OpenCL device through ILGPU's OpenCL backend.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: the device code run on the CPU, for tests without a GPU (about 1000x slower than <see cref="Cpu"/>).</summary>
    IlgpuCpu,

    /// <summary>CUDA when a CUDA device is present, else the CPU kernel.</summary>
    Auto,
}
