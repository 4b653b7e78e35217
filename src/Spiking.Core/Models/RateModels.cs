using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// Discrete-time leaky-integrator unit of an echo state network (Jaeger 2001; Lukoševičius 2012,
/// "A practical guide to applying echo state networks", eq. 2–3):
/// <code>
/// x(n+1) = (1 − a)·x(n) + a·tanh(I(n) + b)
/// </code>
/// where I(n) is the weighted sum of the presynaptic outputs of the previous step (recurrent W·x and
/// input W_in·u arrive through receptor "in"), a the leak rate and b a bias. The output is x itself.
/// One step of the kernel is one ESN time step; dt only labels the time axis.
/// </summary>
public sealed class RateEsnModel : INeuronModel
{
    public static readonly RateEsnModel Instance = new();

    public string Name => "rate_esn";
    public string Description => "discrete leaky-integrator ESN unit x <- (1-a)x + a tanh(I + b) (Jaeger 2001)";

    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("leak", Dimension.Dimensionless, 1.0, "leak rate a in (0, 1]"),
        new("bias", Dimension.Dimensionless, 0.0, "bias b added inside the nonlinearity"),
    ];

    public IReadOnlyList<VariableInfo> Variables { get; } =
    [
        new("x", Dimension.Dimensionless, 0, "unit state, also its output"),
    ];

    public IReadOnlyList<ReceptorInfo> Receptors { get; } =
    [
        new("in", Dimension.Dimensionless, false, "weighted presynaptic output, added inside tanh"),
    ];

    public bool IsRate => true;

    public bool SupportsPreciseSpikeTimes => false;


    public IEnumerable<string> Validate(IReadOnlyDictionary<string, double> parameters, double dt)
    {
        var p = new ParameterReader(this, parameters);
        if (!(p["leak"] > 0 && p["leak"] <= 1)) yield return $"leak must be in (0, 1] (got {p["leak"]})";
        if (!double.IsFinite(p["bias"])) yield return $"bias must be finite (got {p["bias"]})";
    }

    public NeuronGroup Create(int size, IReadOnlyDictionary<string, double> parameters, double dt, bool preciseSpikeTimes)
        => new RateEsnGroup(this, size, new ParameterReader(this, parameters));
}

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
        => new RateInputGroup(this, size);
}

internal sealed class RateEsnGroup : NeuronGroup
{
    private readonly double[] _x;

    public RateEsnGroup(RateEsnModel model, int size, ParameterReader p) : base(model, size)
    {
        _x = Variable("x");
        Constants = new RateEsnConstants(1 - p["leak"], p["leak"], p["bias"]);
    }

    /// <summary>The population's constants, as every backend's step reads them.</summary>
    public RateEsnConstants Constants { get; }

    public override double[] Output => _x;

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var c = Constants;
        var x = _x.AsSpan(start, end - start);
        var input = ReceptorInput[0]; // null only when nothing projects here
        if (input is null)
        {
            double f = RateEsnMath.Free(c);
            for (int i = 0; i < x.Length; i++) x[i] = RateEsnMath.StepFree(c, x[i], f);
            return 0;
        }
        var u = input.AsSpan(start, end - start);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = RateEsnMath.Step(c, x[i], u[i]);
            u[i] = 0;
        }
        return 0;
    }
}

internal sealed class RateInputGroup : NeuronGroup
{
    private readonly double[] _u;

    public RateInputGroup(RateInputModel model, int size) : base(model, size) => _u = Variable("u");

    public override double[] Output => _u;

    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        if (HasExternalCurrent) ExternalCurrent.AsSpan(start, end - start).CopyTo(_u.AsSpan(start, end - start));
        return 0;
    }
}
