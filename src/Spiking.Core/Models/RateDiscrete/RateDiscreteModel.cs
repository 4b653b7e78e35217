using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Discrete-time rate unit in the form v(n+1) = r·v(n) + tanh(I(n)), with I the weighted sum of
/// presynaptic outputs (W·u + M·v of the previous step) and r the retention of the previous value
/// (the bgG-RNN-style recurrence; r = 0 is the plain discrete RNN v(n+1) = tanh(W u + M v)).
/// The output is v.
/// </summary>
internal sealed class RateDiscreteModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateDiscreteModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_discrete";
    /// <inheritdoc/>
    public string Description => "discrete rate unit v <- r v + tanh(I)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("retention", Dimension.Dimensionless, 0.0, "r: fraction of v kept from the previous step"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("v", Dimension.Dimensionless, 0, "unit value, also its output"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, inside tanh"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!double.IsFinite(p["retention"])) yield return $"retention must be finite (got {p["retention"]})";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new KernelGroup<RateDiscreteKernel>(this, size, new RateDiscreteKernel(new ParameterReader(this, parameters)), output: "v");
}
