using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Spiking.Gpu;
using Xunit;

namespace Spiking.Tests.Gpu;

/// <summary>
/// Every device kernel, with every model and rule struct it is instantiated with, compiled to PTX for
/// an H100 (sm_90) by ILGPU's PTX backend, which needs no GPU: what the CUDA driver would be given.
/// No test here runs on a GPU; they catch, without one, what would fail or drift there: a call to a
/// function ILGPU cannot lower (it leaves an undefined extern, which the driver refuses at load), a
/// transcendental ILGPU would replace by its own routine (the context has no ILGPU.Algorithms, so any
/// Math.Exp, Log, Cos or Tanh left in a kernel fails to compile), and floating-point instructions the
/// driver may fuse or approximate once the kernel is rounded (<see cref="PtxRounding"/>).
/// </summary>
public sealed class PtxTests
{
    private static readonly Assembly Gpu = typeof(DeviceSimulator).Assembly;

    /// <summary>Every public kernel of DeviceKernels; generic ones once per struct that meets their constraint.</summary>
    public static IEnumerable<object[]> Kernels()
    {
        var kernels = Gpu.GetType("Spiking.Gpu.DeviceKernels")!;
        foreach (var m in kernels.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (!m.IsGenericMethodDefinition)
            {
                yield return [m.Name];
                continue;
            }
            var constraint = m.GetGenericArguments()[0].GetGenericParameterConstraints().Single(t => t.IsInterface);
            // ManagedFma is the CPU accelerator's; the simulator never loads it on CUDA (tested below that it would fail)
            foreach (var t in Gpu.GetTypes().Concat(RuleStructs).Where(t => t.IsValueType && constraint.IsAssignableFrom(t) && t.Name != "ManagedFma").OrderBy(t => t.Name))
            {
                if (!t.IsGenericTypeDefinition)
                {
                    yield return [$"{m.Name}<{t.Name}>"];
                    continue;
                }
                // The generic adapter of kernel-struct models (KernelDevice<TKernel>): once per registered kernel struct.
                foreach (var k in KernelStructs) yield return [$"{m.Name}<{t.Name.Split('`')[0]}.{k.Name}>"];
            }
        }
    }

    /// <summary>Every neuron kernel struct of the core library (models written as <see cref="Spiking.Models.INeuronKernel"/>).</summary>
    private static IEnumerable<Type> KernelStructs => typeof(Spiking.Models.INeuronKernel).Assembly.GetTypes()
        .Where(t => t.IsValueType && typeof(Spiking.Models.INeuronKernel).IsAssignableFrom(t)).OrderBy(t => t.Name);

    /// <summary>Every spiking rule kernel struct of the core library (rules written as <see cref="Spiking.Plasticity.ISpikeRuleKernel"/>).</summary>
    private static IEnumerable<Type> RuleStructs => typeof(Spiking.Plasticity.ISpikeRuleKernel).Assembly.GetTypes()
        .Where(t => t.IsValueType && typeof(Spiking.Plasticity.ISpikeRuleKernel).IsAssignableFrom(t));

    private static MethodInfo Resolve(string name)
    {
        var kernels = Gpu.GetType("Spiking.Gpu.DeviceKernels")!;
        var match = Regex.Match(name, @"^(\w+)(?:<(\w+)(?:\.(\w+))?>)?$");
        var m = kernels.GetMethod(match.Groups[1].Value, BindingFlags.Public | BindingFlags.Static)!;
        if (!match.Groups[2].Success) return m;
        var type = match.Groups[3].Success
            ? Gpu.GetType("Spiking.Gpu." + match.Groups[2].Value + "`1")!.MakeGenericType(KernelStructs.Single(k => k.Name == match.Groups[3].Value))
            : Gpu.GetType("Spiking.Gpu." + match.Groups[2].Value) ?? RuleStructs.Single(t => t.Name == match.Groups[2].Value);
        return m.MakeGenericMethod(type);
    }

    private static PTXCompiledKernel Compile(Context context, string name) => Compile(context, name, CudaInstructionSet.ISA_80);

    private static PTXCompiledKernel Compile(Context context, string name, CudaInstructionSet isa)
    {
        var m = Resolve(name);
        var entry = m.GetParameters()[0].ParameterType == typeof(Index1D)
            ? EntryPointDescription.FromImplicitlyGroupedKernel(m)
            : EntryPointDescription.FromExplicitlyGroupedKernel(m);
        var backend = new PTXBackend(context, CudaArchitecture.SM_90, isa, nvvmAPI: null!);
        return (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
    }

    [Fact]
    public void There_are_kernels_of_every_kind()
    {
        var names = Kernels().Select(k => (string)k[0]).ToArray();
        Assert.Contains("Update<KernelDevice.LifCubaKernel>", names);
        Assert.Contains("Update<KernelDevice.LifCobaKernel>", names);
        Assert.Contains("Update<BinaryGatedDevice>", names);
        Assert.Contains("StdpDepress<TripletStdpKernel>", names);
        Assert.Contains("StdpDepress<PairStdpKernel>", names);
        Assert.Contains("RateRule<BcmDevice>", names);
        Assert.Contains("Graded<PtxFma>", names);
        Assert.Contains("Update<KernelDevice.AdExKernel>", names);
        Assert.True(names.Length >= 40, $"{names.Length} kernels");
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_for_sm90_with_no_undefined_calls_no_contractible_arithmetic_and_parameters_within_4KB(string name)
    {
        using var context = Context.Create(b => b.Default());
        var kernel = Compile(context, name);
        string ptx = kernel.PTXAssembly;
        Assert.DoesNotContain(".extern", ptx);
        var called = Regex.Matches(ptx, @"call(?:\.uni)?\s+(?:\([^)]*\),\s*)?(\w+),").Select(x => x.Groups[1].Value).ToHashSet();
        var defined = Regex.Matches(ptx, @"\.func\s+(?:\([^)]*\)\s*)?(\w+)\(").Select(x => x.Groups[1].Value).ToHashSet();
        Assert.Empty(called.Except(defined));
        // CUDA passes kernel parameters in at most 4 KB (more only from CUDA 12.1 on Volta and later): the batches must fit
        int start = ptx.IndexOf(".entry", StringComparison.Ordinal);
        string entryParams = ptx[start..ptx.IndexOf(')', start)];
        int bytes = Regex.Matches(entryParams, @"\.param\s+(?:\.align\s+\d+\s+\.b8\s+\w+\[(\d+)\]|\.[bfsu](\d+))")
            .Sum(m => m.Groups[1].Success ? int.Parse(m.Groups[1].Value) : int.Parse(m.Groups[2].Value) / 8);
        Assert.InRange(bytes, 1, 4096);
        var rounded = PtxRounding.Round(kernel);
        Assert.Empty(PtxRounding.Contractible(rounded.PTXAssembly));
        Assert.Equal(kernel.Name, rounded.Name);
        Assert.Equal(kernel.NumParameters, rounded.NumParameters);
        Assert.Equal(kernel.IndexType, rounded.IndexType);
        // benchmarks/gpu/ptxas-check.sh sets this to assemble every kernel with NVIDIA's ptxas (PTX 7.8, for CUDA 11.8's)
        if (Environment.GetEnvironmentVariable("SPIKING_PTX_DIR") is { Length: > 0 } dir)
        {
            string raw = Compile(context, name, CudaInstructionSet.ISA_78).PTXAssembly, file = Regex.Replace(name, @"\W", "_");
            File.WriteAllText(Path.Combine(dir, file + ".raw.ptx"), raw);
            File.WriteAllText(Path.Combine(dir, file + ".rn.ptx"), PtxRounding.Round(raw));
        }
    }

    [Fact]
    public void Unrounded_arithmetic_is_what_ILGPU_writes_and_what_the_rewrite_removes()
    {
        using var context = Context.Create(b => b.Default());
        string raw = Compile(context, "Update<KernelDevice.LifCubaKernel>").PTXAssembly;
        Assert.NotEmpty(PtxRounding.Contractible(raw)); // without the rewrite the driver could fuse these
        Assert.Contains("mul.rn.f64", PtxRounding.Round(raw));
        // The graded sum's explicit FMA is PTX's own on CUDA; .NET's would be an undefined extern there
        Assert.Contains("fma.rn.f64", Compile(context, "Graded<PtxFma>").PTXAssembly);
        Assert.Contains(".extern .func", Compile(context, "Graded<ManagedFma>").PTXAssembly);
    }

    [Fact]
    public void Rounding_rewrites_only_unrounded_float_add_sub_mul()
    {
        const string ptx = """
            	add.f64	%fd3, %fd1, %fd2;
            	@%p1 sub.f32	%f3, %f1, %f2;
            	@!%p2 mul.f64	%fd4, %fd3, %fd3;
            	mul.rn.f64	%fd5, %fd4, %fd4;
            	add.s32	%r1, %r2, %r3;
            	mul.wide.u32	%rd1, %r1, 8;
            	add.u64	%rd2, %rd1, %rd3;
            	div.rn.f64	%fd6, %fd5, %fd4;
            	fma.rn.f64	%fd7, %fd5, %fd4, %fd3;
            	mul.ftz.f32	%f4, %f1, %f2;
            	add.rz.f64	%fd8, %fd1, %fd2;
            """;
        Assert.Equal(4, PtxRounding.Contractible(ptx).Count);
        string rounded = PtxRounding.Round(ptx);
        Assert.Contains("\tadd.rn.f64\t%fd3", rounded);
        Assert.Contains("@%p1 sub.rn.f32\t%f3", rounded);
        Assert.Contains("@!%p2 mul.rn.f64\t%fd4", rounded);
        Assert.Contains("\tmul.rn.f64\t%fd5", rounded);
        Assert.Contains("\tadd.s32\t%r1", rounded);
        Assert.Contains("\tmul.wide.u32\t%rd1", rounded);
        Assert.Contains("\tadd.u64\t%rd2", rounded);
        Assert.Contains("\tmul.rn.ftz.f32\t%f4", rounded);
        Assert.Contains("\tadd.rz.f64\t%fd8", rounded);
        Assert.Empty(PtxRounding.Contractible(rounded));
        Assert.Single(PtxRounding.Contractible("\tex2.approx.ftz.f32\t%f1, %f2;"));
    }

    /// <summary>
    /// Every kernel also compiles to OpenCL C with ILGPU's OpenCL backend (no device needed), and only the
    /// graded kernel's fused multiply-add is left as a call to a function OpenCL C does not have: the
    /// reason projections from rate units are refused on OpenCL.
    /// </summary>
    [Fact]
    public void Kernels_compile_to_opencl_c_and_only_the_graded_fma_is_an_undefined_call()
    {
        using var context = Context.Create(b => b.Default());
        var backend = new ILGPU.Backends.OpenCL.CLBackend(context, new ILGPU.Runtime.OpenCL.CLCapabilityContext(false, true, true, true, false),
            ILGPU.Runtime.OpenCL.CLDeviceVendor.Other, ILGPU.Backends.OpenCL.CLCVersion.CL20);
        var undefined = new List<string>();
        foreach (var name in Kernels().Select(k => (string)k[0]).Where(n => n != "Graded<PtxFma>").Append("Graded<ManagedFma>"))
        {
            var m = Resolve(name);
            var entry = m.GetParameters()[0].ParameterType == typeof(Index1D)
                ? EntryPointDescription.FromImplicitlyGroupedKernel(m)
                : EntryPointDescription.FromExplicitlyGroupedKernel(m);
            string source;
            try { source = ((ILGPU.Backends.OpenCL.CLCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty)).Source; }
            catch (Exception e) { undefined.Add($"{name} does not compile: {e.GetBaseException().Message}"); continue; }
            if (source.Contains("FusedMultiplyAdd", StringComparison.Ordinal)) undefined.Add(name);
        }
        Assert.Equal(["Graded<ManagedFma>"], undefined);
    }
}
