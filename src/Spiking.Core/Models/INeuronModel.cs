using Spiking.Description;

namespace Spiking.Models;

/// <summary>
/// A neuron (or unit) model as the registry knows it: its parameters, state variables and receptors,
/// the checks its parameters must pass, and a factory for the state of one population. Engines never
/// call a model per neuron through this interface: <see cref="NeuronGroup.Update"/> runs a whole
/// range of neurons in one call.
/// </summary>
public interface INeuronModel
{
    /// <summary>The name model files use.</summary>
    string Name { get; }

    /// <summary>One line: equations and source.</summary>
    string Description { get; }

    /// <summary>Parameters with units and defaults.</summary>
    IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>State variables that can be initialised and recorded.</summary>
    IReadOnlyList<VariableInfo> Variables { get; }

    /// <summary>Input ports for synapses and Poisson inputs.</summary>
    IReadOnlyList<ReceptorInfo> Receptors { get; }

    /// <summary>
    /// Whether the units are rate units with a graded output (<see cref="NeuronGroup.Output"/>)
    /// instead of spikes.
    /// </summary>
    bool IsRate => false;

    /// <summary>Whether the model can stamp spikes at the exact threshold crossing inside a step.</summary>
    bool SupportsPreciseSpikeTimes { get; }

    /// <summary>
    /// Whether a population with precise spike times takes its synaptic input as timed events
    /// (<see cref="NeuronGroup.TimedInput"/>) applied at their offsets inside the step, not summed at the
    /// grid (NEST's iaf_psc_delta_ps). Only models whose receptors act at the step's end can.
    /// </summary>
    bool SupportsTimedInput => false;

    /// <summary>
    /// Whether the event-driven kernel can advance this model exactly between events (its state has a
    /// closed form between inputs and its threshold crossing can be located with guaranteed bounds).
    /// </summary>
    bool SupportsEventDriven => false;

    /// <summary>
    /// Whether populations of this model take their spikes from <see cref="PopulationSpec.SpikeTimes"/>
    /// (<c>spike_times</c> in model files); the validator refuses spike times on every other population.
    /// </summary>
    bool TakesSpikeTimes => false;

    /// <summary>
    /// Whether a readout can feed its output back into one unit of this model
    /// (<see cref="ReadoutSpec.Feedback"/>): its output is the value written into it each step.
    /// </summary>
    bool TakesFeedback => false;

    /// <summary>Checks that go across parameters (reset below threshold, positive time constants). Returns one message per problem.</summary>
    IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt);

    /// <summary>
    /// Checks that need more than the parameters: the population as written (its parameters, whether
    /// <see cref="PopulationSpec.PreciseSpikeTimes"/> is on) and the <paramref name="mode"/> it runs in.
    /// The validator calls it for every population of this model, except in event mode when the model
    /// cannot run there (<see cref="SupportsEventDriven"/>, refused before). Each error's
    /// <see cref="ValidationError.Path"/> is relative to the population (<c>parameters.tau_m</c>).
    /// </summary>
    IEnumerable<ValidationError> ValidatePopulation(PopulationSpec population, SimulationMode mode) => [];

    /// <summary>Creates the state of a population of <paramref name="size"/> neurons, with per-dt constants precomputed.</summary>
    NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes);
}
