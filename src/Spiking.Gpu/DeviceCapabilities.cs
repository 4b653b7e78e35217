using Spiking.Description;
using Spiking.Engine;
using Spiking.Models;
using Spiking.Plasticity;

namespace Spiking.Gpu;

/// <summary>
/// What the device runs: the closed lists of neuron models and learning rules it has kernels for, and
/// the limits of its tables, checked before anything is uploaded (<see cref="DeviceSimulator.Unsupported(Network)"/>).
/// A model's device kernel is chosen in <see cref="DevicePopulation"/> (CreateUpdate, CreatePrecise); a
/// rule's in <see cref="DeviceRule.Create"/>, whose table also answers <see cref="DeviceRule.Runs"/> here.
/// </summary>
internal static class DeviceCapabilities
{
    /// <summary>
    /// As <see cref="DeviceSimulator.Unsupported(Network)"/>, for one backend: on OpenCL also projections from rate units,
    /// whose graded sums take a fused multiply-add that ILGPU 1.5.3 writes as a call to an undefined
    /// function in OpenCL C (found by compiling the kernels with ILGPU's OpenCL backend; no OpenCL 2.0
    /// device was at hand to run them).
    /// </summary>
    public static IReadOnlyList<string> Unsupported(Network network, DeviceBackend backend)
    {
        var spec = network.Spec;
        var problems = new List<string>();
        if (spec.Simulation.Mode == SimulationMode.Event) problems.Add("event-driven mode (--mode event)");
        foreach (var p in network.Populations)
        {
            // A model written as a kernel struct (IKernelGroup) runs here with no code of its own.
            if (p.Group is not (IKernelGroup or SpikeSourceGroup or PoissonSourceGroup or BinarySigmoidGroup or BinaryGatedGroup))
                problems.Add($"model '{p.Model.Name}' (population '{p.Spec.Name}'): the device runs spike_source, poisson_source, binary_sigmoid, binary_gated and every model written as a kernel struct (INeuronKernel: adex, izhikevich, lif_delta, rate_discrete, rate_tanh, rate_esn, rate_input, lif_coba, lif_cuba)");
        }
        foreach (var pr in network.Projections)
        {
            if (pr.Plasticity is PlasticityRuntime rule)
            {
                if (!DeviceRule.Runs(rule))
                    problems.Add($"plasticity (projection '{pr.Spec.Name}', rule '{pr.Spec.Plasticity!.Rule}'): the device runs every rule written as a spike-rule kernel struct (stdp, triplet_stdp, inhibitory_stdp) and reward_stdp, hebbian, oja, bcm, tsodyks_markram and bgrnn");
                // bgrnn's own checks (rate presynaptic units, binary post units) hold for every backend
                else if (rule is not BgRnnRuntime && (rule.RateMode != rule is RateRuleRuntime && rule is not PairStdpRuntime || (rule.RateMode && pr.Post.Group.Output is null)))
                    problems.Add($"plasticity {(rule.RateMode ? "between rate units" : "between spiking neurons")} (projection '{pr.Spec.Name}', rule '{pr.Spec.Plasticity!.Rule}')");
            }
            if (pr.Synapses.Count > int.MaxValue) problems.Add($"more than 2^31 synapses in one projection (projection '{pr.Spec.Name}')");
            if (pr.Timed && pr.Index >= 2048) problems.Add($"a projection onto a population with precise spike times after the first 2,048 projections (projection '{pr.Spec.Name}')");
            if (backend == DeviceBackend.OpenCL && pr.Pre.Group.Output is not null)
                problems.Add($"a projection from rate units on OpenCL (projection '{pr.Spec.Name}'; use --backend cuda or cpu)");
        }
        for (int k = 2048; k < spec.Inputs.Count; k++)
            if (spec.Inputs[k] is SpikeTimesInputSpec st && network.Population(st.Target).TimedSlots is not null)
                problems.Add($"a spike-time input onto a population with precise spike times after the first 2,048 inputs (input '{st.Name}')");
        return problems;
    }
}
