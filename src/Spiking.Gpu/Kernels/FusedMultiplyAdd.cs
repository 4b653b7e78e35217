using ILGPU.Runtime.Cuda;

namespace Spiking.Gpu;

/// <summary>
/// a·b + c rounded once, as a kernel's struct type parameter. ILGPU 1.5.3 has no device form of
/// Math.FusedMultiplyAdd: on CUDA it declares an undefined extern function, which the driver refuses,
/// and it does so even inside a branch on the accelerator type, so the choice is made by the host when
/// it loads the kernel (<see cref="PtxFma"/> on CUDA, <see cref="ManagedFma"/> elsewhere). Both are the
/// IEEE fused operation: the same bits.
/// </summary>
internal interface IFusedMultiplyAdd
{
    /// <summary>a·b + c with one rounding.</summary>
    double Fma(double a, double b, double c);
}

/// <summary>PTX's fma.rn.f64, written inline.</summary>
internal readonly struct PtxFma : IFusedMultiplyAdd
{
    /// <inheritdoc />
    public double Fma(double a, double b, double c)
    {
        CudaAsm.Emit("fma.rn.f64 %0, %1, %2, %3;", out double r, a, b, c);
        return r;
    }
}

/// <summary>.NET's Math.FusedMultiplyAdd: for the CPU accelerator, which runs kernels as .NET code.</summary>
internal readonly struct ManagedFma : IFusedMultiplyAdd
{
    /// <inheritdoc />
    public double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}
