using Spiking.Numerics;
namespace Spiking.Models;

/// <summary>
/// A neuron model's per-neuron code, written once for every engine (GeNN's sim code, threshold and
/// reset in one place): a plain struct holding the model's per-dt constants, whose <see cref="Step"/>
/// advances one neuron by one step. The CPU runs it in a generic loop (<see cref="KernelGroup{TKernel}"/>)
/// and the device engine in a generic kernel; both are specialised per model by the JIT and by ILGPU, so
/// there is no virtual call per neuron. A model with a kernel needs no code in any engine.
/// </summary>
/// <remarks>
/// Device code rules apply: no allocation, no exceptions, no recursion, no managed references; use
/// <see cref="PortableMath"/> for exp and log, so that every backend gets the same bits.
/// </remarks>
public interface INeuronKernel
{
    /// <summary>
    /// Advances one neuron by one step of the dt its constants were derived for. <paramref name="state"/>
    /// holds the model's state variables in the order of <see cref="INeuronModel.Variables"/> and its
    /// refractory counter; returns true when the neuron fires in this step.
    /// </summary>
    bool Step(ref NeuronState state, NeuronInput input);
}

/// <summary>
/// One neuron's state as a kernel sees it: up to four state variables, in the model's order
/// (<see cref="INeuronModel.Variables"/>), and the remaining refractory steps.
/// </summary>
public struct NeuronState
{
    /// <summary>State variables 0 to 3 (unused ones are 0 and are not stored).</summary>
    public double X0, X1, X2, X3;

    /// <summary>Remaining refractory steps (0 when not refractory).</summary>
    public int Refractory;
}

/// <summary>
/// One neuron's input in one step: the summed weights that arrived at its first and second receptor
/// (in the order of <see cref="INeuronModel.Receptors"/>; 0 when none arrived) and the injected current (nA),
/// with whether each is there at all. A receptor has no input array when nothing projects onto it through
/// the ring: no projection, or one whose weights the engine adds straight into the state variable the
/// receptor feeds (<see cref="KernelGroup{TKernel}"/>'s direct receptors). A kernel that must not add a
/// zero where nothing arrived (0 + −0 is +0) tests the flag; one that adds or sums always may ignore it.
/// </summary>
public struct NeuronInput
{
    /// <summary>Sum of the weights arriving at receptor 0 this step.</summary>
    public double Receptor0;

    /// <summary>Sum of the weights arriving at receptor 1 this step.</summary>
    public double Receptor1;

    /// <summary>Injected current this step (nA).</summary>
    public double Current;

    /// <summary>Whether receptor 0 has an input array this step (else <see cref="Receptor0"/> is 0 and is no input).</summary>
    public bool HasReceptor0;

    /// <summary>Whether receptor 1 has an input array this step (else <see cref="Receptor1"/> is 0 and is no input).</summary>
    public bool HasReceptor1;

    /// <summary>Whether any current input targets the population (else <see cref="Current"/> is 0).</summary>
    public bool HasCurrent;
}

/// <summary>
/// Recovers the static type of a population's kernel (the visitor pattern), so that an engine can
/// specialise its generic loop or device kernel for it without reflection.
/// </summary>
public interface IKernelVisitor<out TResult>
{
    /// <summary>Called with the population's kernel struct.</summary>
    TResult Visit<TKernel>(TKernel kernel) where TKernel : struct, INeuronKernel;
}

/// <summary>A population whose per-neuron code is an <see cref="INeuronKernel"/>: engines run the kernel, not the group.</summary>
public interface IKernelGroup
{
    /// <summary>Hands the kernel struct to <paramref name="visitor"/>.</summary>
    TResult Accept<TResult>(IKernelVisitor<TResult> visitor);
}
