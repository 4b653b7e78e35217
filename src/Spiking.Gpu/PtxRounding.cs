using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;

namespace Spiking.Gpu;

/// <summary>
/// Keeps the CUDA driver from fusing a multiplication and an addition into one FMA. ILGPU 1.5.3 writes
/// floating-point <c>add</c>, <c>sub</c> and <c>mul</c> without a rounding modifier, and PTX allows the
/// JIT to contract such a pair into an FMA (PTX ISA, "Floating-Point Instructions": "mul/add sequences
/// with no rounding modifiers may be optimized to use fused-multiply-add instructions"), which rounds
/// once instead of twice: different last bits from the CPU, and through a threshold, different spikes.
/// With an explicit <c>.rn</c> (round to nearest even, the default rounding anyway) an instruction is
/// never contracted. Every kernel the device backend loads on CUDA goes through <see cref="Round(string)"/>:
/// compiled by the accelerator's own backend, rewritten, and loaded from the rewritten text.
/// </summary>
internal static partial class PtxRounding
{
    // "add.f64", "sub.ftz.f32", "mul.f64" (no rounding modifier; .ftz and .sat may follow the opcode) at the start of an instruction
    [GeneratedRegex(@"(?m)^(\s*(?:@!?%p\d+\s+)?)(add|sub|mul)((?:\.ftz|\.sat)*)\.(f16|f32|f64)(\s)")]
    private static partial Regex Unrounded();

    /// <summary>The PTX with <c>.rn</c> on every floating-point add, subtract and multiply that has no rounding modifier.</summary>
    public static string Round(string ptx) => Unrounded().Replace(ptx, "$1$2.rn$3.$4$5");

    /// <summary>
    /// The floating-point instructions of <paramref name="ptx"/> that a CUDA JIT may contract or
    /// approximate: add, sub or mul without a rounding modifier, and any <c>.approx</c> instruction.
    /// </summary>
    public static IReadOnlyList<string> Contractible(string ptx)
        => ptx.Split('\n').Select(l => l.Trim())
            .Where(l => Unrounded().IsMatch(l + " ") || Regex.IsMatch(l, @"^(?:@!?%p\d+\s+)?\w+(\.\w+)*\.approx\b"))
            .ToArray();

    /// <summary><paramref name="kernel"/> with its PTX rounded (<see cref="Round(string)"/>).</summary>
    public static PTXCompiledKernel Round(PTXCompiledKernel kernel)
        => NewKernel(kernel.Context, EntryPointOf(kernel), kernel.Info, Round(kernel.PTXAssembly));

    // ILGPU keeps a compiled kernel's entry point and its constructor internal; these bind to them by name
    // (checked by a test, which fails here first if a later ILGPU renames them).
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_EntryPoint")]
    private static extern EntryPoint EntryPointOf(CompiledKernel kernel);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern PTXCompiledKernel NewKernel(Context context, EntryPoint entryPoint, CompiledKernel.KernelInfo? info, string ptxAssembly);
}
