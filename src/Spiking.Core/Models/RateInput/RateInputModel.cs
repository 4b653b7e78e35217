using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Input units of a rate network: each step the output of unit i is the value given to it by the
/// current inputs of the population (a piecewise-constant signal u(t), one value per step for a time
/// series). Projections from these units carry W_in·u like any other projection.
/// </summary>
internal sealed class RateInputModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateInputModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_input";
    /// <inheritdoc/>
    public string Description => "input unit whose output is the injected signal u(t)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("u", Dimension.Dimensionless, 0, "output: the signal of this step"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } = [];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public bool TakesFeedback => true;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt) => [];

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateInputKernel>(this, size, default, output: "u");
}
