using Spiking.Description;
using Spiking.Models;

namespace Spiking.Inputs;

/// <summary>
/// What <see cref="IInputKind.Check"/> is given: the input, the population it drives and its model,
/// the simulation's step and mode, and a place for errors under the input's path. It takes the
/// validator's error sink as delegates so that Inputs does not depend on Build.
/// </summary>
public sealed class InputCheck
{
    private readonly string _at;
    private readonly Action<string, string> _error;
    private readonly Action<IReadOnlyList<int>, int, string> _checkNeurons;

    internal InputCheck(NetworkSpec spec, InputSpec input, PopulationSpec target, INeuronModel? model, bool dtOk, string at,
        Action<string, string> error, Action<IReadOnlyList<int>, int, string> checkNeurons)
    {
        Spec = spec; Input = input; Target = target; Model = model; DtOk = dtOk;
        _at = at; _error = error; _checkNeurons = checkNeurons;
    }

    /// <summary>The whole spec (its series, for inputs that play one).</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The input checked.</summary>
    public InputSpec Input { get; }

    /// <summary>The population it drives.</summary>
    public PopulationSpec Target { get; }

    /// <summary>The target's model; null when its name is unknown (already reported).</summary>
    public INeuronModel? Model { get; }

    /// <summary>The simulation step (ms); use it only when <see cref="DtOk"/>.</summary>
    public double Dt => Spec.Simulation.Dt;

    /// <summary>Whether the step passed its own checks.</summary>
    public bool DtOk { get; }

    /// <summary>Time-stepped or event-driven.</summary>
    public SimulationMode Mode => Spec.Simulation.Mode;

    /// <summary>Reports a problem with field <paramref name="field"/> of the input (<c>""</c>: the input itself).</summary>
    public void Error(string field, string message) => _error(field.Length == 0 ? _at : $"{_at}.{field}", message);

    /// <summary>Reports the first index of <paramref name="neurons"/> outside 0..size−1, as every neuron list is checked.</summary>
    public void CheckNeurons(IReadOnlyList<int> neurons, int size, string field) => _checkNeurons(neurons, size, $"{_at}.{field}");

    /// <summary>
    /// For an input that draws per listed neuron: reports a neuron listed twice, which would repeat the
    /// same draw; <paramref name="raise"/> names what to raise instead ("rate or count").
    /// </summary>
    public void NeuronsListedOnce(string raise)
    {
        if (Input.Neurons is { } listed && listed.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } twice)
            Error("neurons", $"neuron {twice.Key} is listed twice: each listed neuron draws once per step from its own random stream, so a second entry would repeat the same draw, not add an independent one; for more input raise {raise}, or add a second input");
    }

    /// <summary>The receptor <paramref name="name"/> of the target's model, reporting it under <c>receptor</c> when the model has none such; null then or when the model is unknown.</summary>
    public ReceptorInfo? Receptor(string name)
    {
        if (Model is not { } tm) return null;
        var receptor = tm.Receptors.FirstOrDefault(r => r.Name == name);
        if (receptor is null) Error("receptor", $"model '{tm.Name}' has no receptor '{name}'; its receptors: {string.Join(", ", tm.Receptors.Select(r => r.Name))}");
        return receptor;
    }
}
