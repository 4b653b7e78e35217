using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Input units of a rate network: each step the output of unit i is the value given to it by the
/// current inputs of the population (a piecewise-constant signal u(t), one value per step for a time
/// series). Projections from these units carry W_in·u like any other projection.
/// </summary>
public sealed class RateInputModel : INeuronModel
{
    public static readonly RateInputModel Instance = new();

    public string Name => "rate_input";
    public string Description => "input unit whose output is the injected signal u(t)";

    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];

    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("u", Dimension.Dimensionless, 0, "output: the signal of this step"),
    ];

    public IReadOnlyList<ReceptorInfo> Receptors { get; } = [];

    public bool IsRate => true;

    public bool SupportsPreciseSpikeTimes => false;

    public bool TakesFeedback => true;

    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt) => [];

    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateInputKernel>(this, size, default, output: "u");
}
