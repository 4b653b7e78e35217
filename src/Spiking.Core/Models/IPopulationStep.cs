namespace Spiking.Models;

/// <summary>
/// Implemented by a <see cref="NeuronGroup"/> whose step is not only per neuron: the time-stepped
/// kernel tells it the step number before the (chunked, possibly parallel) <see cref="NeuronGroup.Update"/>
/// calls of that step, and calls it once more, on one thread, after all of them, before propagation.
/// Stochastic binary units use it to key their draws by step and to run an inference hook on the
/// whole population (<see cref="IGatedInference"/>).
/// </summary>
public interface IPopulationStep
{
    /// <summary>Step <paramref name="step"/> is about to update this population.</summary>
    void BeforeUpdate(long step);

    /// <summary>Every unit of the population was updated in step <paramref name="step"/>; its output is about to be propagated.</summary>
    void AfterUpdate(long step);
}
