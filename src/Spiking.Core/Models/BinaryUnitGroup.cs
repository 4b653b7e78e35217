namespace Spiking.Models;

/// <summary>
/// State of a population of stochastic binary units (<c>binary_sigmoid</c>, <c>binary_gated</c>):
/// per unit the prior logit a = (I + b)/T of the current step, its probability p = σ(a) and the
/// gate h ∈ {0, 1}. I is the summed weighted output of the previous step arriving on receptor "in",
/// exactly as for rate units. Free running, h ~ Bernoulli(p) is drawn from the unit's Philox stream
/// (seed, ModelNoise, population, unit) at a block keyed by the step, so draws depend on nothing else
/// (threads, chunks, other populations). With an <see cref="Inference"/> hook the hook sets h (and x)
/// instead, after a and p of the whole population are known.
/// </summary>
public abstract class BinaryUnitGroup : NeuronGroup, IPopulationStep
{
    private readonly double[] _a, _p, _h;
    private readonly double _bias, _inverseTemperature;
    private long _step;

    /// <summary>Creates the arrays; <paramref name="temperature"/> divides I + b before the logistic.</summary>
    protected BinaryUnitGroup(INeuronModel model, int size, double bias, double temperature) : base(model, size)
    {
        _a = Variable("a"); _p = Variable("p"); _h = Variable("h");
        _bias = bias;
        _inverseTemperature = 1 / temperature;
    }

    /// <summary>Prior logit a_j of the current step (after the update).</summary>
    public ReadOnlySpan<double> Logit => _a;

    /// <summary>Prior probability p_j = σ(a_j) of the current step: computed before h was set.</summary>
    public ReadOnlySpan<double> Probability => _p;

    /// <summary>Gate h_j ∈ {0, 1} of the current step.</summary>
    public ReadOnlySpan<double> Gate => _h;

    /// <summary>
    /// When set, the population runs inferred: each step the hook sets h (and x) from the prior logits
    /// instead of sampling them. Null (the default): free running.
    /// </summary>
    public IGatedInference? Inference { get; set; }

    /// <summary>b and 1/T, for other backends: a = (I + b)·(1/T).</summary>
    internal (double Bias, double InverseTemperature) Prior => (_bias, _inverseTemperature);

    /// <summary>The key words of the units' streams (seed, ModelNoise, population), for other backends.</summary>
    internal (uint K0, uint K1, uint C3) StreamKey => Random.PhiloxStream.Key(Seed, Random.StreamKind.ModelNoise, Population);

    /// <summary>Seed and population index of the units' streams.</summary>
    protected ulong Seed { get; private set; }

    /// <summary>Index of the population (the stream's object index).</summary>
    protected int Population { get; private set; }

    /// <summary>The step being updated (the block counter of the draws).</summary>
    protected long Step => _step;

    /// <inheritdoc/>
    public override void SetRandomStreams(ulong seed, int population) { Seed = seed; Population = population; }

    /// <inheritdoc/>
    public void BeforeUpdate(long step) => _step = step;

    /// <inheritdoc/>
    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var a = _a.AsSpan(start, end - start);
        var p = _p.AsSpan(start, end - start);
        var input = ReceptorInput[0]; // null only when nothing arrives on "in"
        if (input is null)
        {
            double a0 = _bias * _inverseTemperature, p0 = Logistic.Sigmoid(a0);
            a.Fill(a0); p.Fill(p0);
        }
        else
        {
            var u = input.AsSpan(start, end - start);
            for (int i = 0; i < a.Length; i++)
            {
                double ai = (u[i] + _bias) * _inverseTemperature;
                u[i] = 0;
                a[i] = ai;
                p[i] = Logistic.Sigmoid(ai);
            }
        }
        if (Inference is null) Sample(start, end, _p, _h);
        return 0;
    }

    /// <inheritdoc/>
    public void AfterUpdate(long step)
    {
        if (Inference is not { } hook) return;
        var x = Amplitudes;
        hook.Infer(step, _a, _h, x);
        for (int i = 0; i < _h.Length; i++)
            if (_h[i] is not (0.0 or 1.0))
                throw new InvalidOperationException($"the inference hook of a '{Model.Name}' population set h[{i}] = {_h[i]} in step {step}; gates must be 0 or 1");
        Clamped(x);
    }

    /// <summary>Draws the gates (and amplitudes) of units [start, end) of step <see cref="Step"/> from p, and sets their output.</summary>
    protected abstract void Sample(int start, int end, double[] p, double[] h);

    /// <summary>The amplitudes the inference hook writes (a scratch array for units without amplitudes).</summary>
    protected abstract Span<double> Amplitudes { get; }

    /// <summary>After the inference hook set h and <paramref name="x"/>: check them and set the output.</summary>
    protected abstract void Clamped(Span<double> x);
}
