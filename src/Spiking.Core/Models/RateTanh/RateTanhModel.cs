using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Continuous-time rate unit of Sussillo &amp; Abbott (2009), "Generating coherent patterns of activity
/// from chaotic neural networks", eq. 1:
/// <code>
/// τ dx/dt = −x + I,   r = tanh(x)
/// </code>
/// with I the weighted sum of presynaptic outputs r (and of fed-back readouts), held constant over a
/// step and integrated exactly (exponential Euler, the default): x ← I + (x − I)·e^(−dt/τ); or, with
/// parameter <c>euler = 1</c>, by forward Euler as in the paper's code: x ← x + (dt/τ)(I − x). The output is r.
/// </summary>
internal sealed class RateTanhModel : INeuronModel
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly RateTanhModel Instance = new();

    /// <inheritdoc/>
    public string Name => "rate_tanh";
    /// <inheritdoc/>
    public string Description => "continuous-time rate unit tau dx/dt = -x + I, r = tanh(x), exponential Euler (Sussillo & Abbott 2009)";

    /// <inheritdoc/>
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("tau", Dimension.Time, 10, "time constant"),
        new("euler", Dimension.Dimensionless, 0, "1: forward Euler; 0: exponential Euler (exact for I constant over the step)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("x", Dimension.Dimensionless, 0, "activation"),
        new("r", Dimension.Dimensionless, 0, "output tanh(x) (derived from x at start)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, drives x"),
    ];

    /// <inheritdoc/>
    public bool IsRate => true;

    /// <inheritdoc/>
    public bool SupportsPreciseSpikeTimes => false;


    /// <inheritdoc/>
    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!(p["tau"] > 0)) yield return $"tau must be > 0 (got {p["tau"]} ms)";
        if (p["euler"] is not (0 or 1)) yield return $"euler must be 0 (exponential Euler) or 1 (forward Euler), got {p["euler"]}";
        else if (p["euler"] == 1 && !(dt < p["tau"])) yield return $"forward Euler needs dt < tau (dt = {dt} ms, tau = {p["tau"]} ms)";
    }

    /// <inheritdoc/>
    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new RateTanhGroup(this, size, new ParameterReader(this, parameters), dt);
}
