using Spiking.Engine;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Short-term plasticity of Tsodyks &amp; Markram (Tsodyks, Pawelzik &amp; Markram 1998; Markram, Wang &amp;
/// Tsodyks 1998), as NEST's <c>tsodyks2_synapse</c> and Brian2's STP example. With h the interval since
/// the previous spike of the synapse:
/// <code>
/// u_{n+1} = U + u_n·(1 − U)·e^(−h/τ_fac)          x_{n+1} = 1 + (x_n − u_n·x_n − 1)·e^(−h/τ_rec)
/// effective weight of spike n+1 = w·u_{n+1}·x_{n+1}
/// </code>
/// (the first spike has u = U, x = 1). τ_fac = 0 switches facilitation off. State per presynaptic
/// neuron (per = "pre", the default: all synapses of a neuron share u and x when U and the τs are the
/// same) or per synapse (per = "synapse"). The effective weight is written into the table before the
/// spike propagates; <see cref="PlasticityRuntime.Weights"/> keeps the baseline w.
/// </summary>
internal sealed class ShortTermPlasticity : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly ShortTermPlasticity Instance = new();

    /// <inheritdoc/>
    public string Name => "tsodyks_markram";
    /// <inheritdoc/>
    public string Description => "short-term depression and facilitation, w*u*x at each spike (Tsodyks & Markram 1997; NEST tsodyks2_synapse)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("U", Dimension.Dimensionless, 0.5, "utilisation increment per spike, in (0, 1]"),
        new("tau_rec", Dimension.Time, 800, "recovery time of resources x"),
        new("tau_fac", Dimension.Time, 0, "decay time of facilitation u (0: none)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("per", ["pre", "synapse"], "whether u and x are kept per presynaptic neuron or per synapse"),
    ];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["U"] > 0 && s["U"] <= 1)) yield return $"U must be in (0, 1] (got {s["U"]})";
        if (!(s["tau_rec"] > 0)) yield return $"tau_rec must be > 0 ms (got {s["tau_rec"]})";
        if (!(s["tau_fac"] >= 0)) yield return $"tau_fac must be >= 0 ms (got {s["tau_fac"]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new ShortTermPlasticityRuntime(projection, settings, dt);

    /// <summary>
    /// One spike <paramref name="h"/> ms after the previous one (∞ for the first): updates u and x (x
    /// holds the resources left after the previous release) and returns the released fraction u·x.
    /// </summary>
    public static double Release(ref double u, ref double x, double h, double bigU, double tauRec, double tauFac)
    {
        u = bigU + u * (1 - bigU) * Trace.Factor(h, tauFac);
        x = 1 + (x - 1) * Trace.Factor(h, tauRec);
        double r = u * x;
        x -= r;
        return r;
    }
}

/// <summary>The state of a <see cref="ShortTermPlasticity"/> projection.</summary>
internal sealed class ShortTermPlasticityRuntime : PlasticityRuntime
{
    private readonly double[] _u, _x, _last, _release;
    private readonly double _bigU, _tauRec, _tauFac;
    private readonly bool _perSynapse;

    internal ShortTermPlasticityRuntime(ProjectionState projection, PlasticitySettings s, double dt) : base(projection, s, dt)
    {
        _bigU = s["U"]; _tauRec = s["tau_rec"]; _tauFac = s["tau_fac"];
        _perSynapse = s.Option("per") == "synapse";
        int n = _perSynapse ? projection.Synapses.Weight.Length : projection.Pre.Size;
        _u = new double[n]; _x = new double[n]; _last = new double[n]; _release = new double[n];
        Array.Fill(_x, 1.0);
        Array.Fill(_last, double.NegativeInfinity);
    }

    /// <summary>The state arrays (u, x, time of the last spike, last release), which the device backend uploads and writes back after a run.</summary>
    internal double[] UArray => _u;
    internal double[] XArray => _x;
    internal double[] LastArray => _last;
    internal double[] ReleaseArray => _release;

    /// <summary>U, τ_rec, τ_fac and whether the state is per synapse (for the device backend).</summary>
    internal (double BigU, double TauRec, double TauFac, bool PerSynapse) Constants => (_bigU, _tauRec, _tauFac, _perSynapse);

    /// <summary>u·x of the last spike, per presynaptic neuron or per synapse (as the option per says).</summary>
    public ReadOnlySpan<double> LastRelease => _release;

    /// <inheritdoc/>
    protected internal override void BeforePropagation(long step)
    {
        var pre = Projection.Pre;
        double t = (step + 1) * Dt;
        var rowStart = Projection.Synapses.RowStart; var weight = Projection.Synapses.Weight;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            int a = (int)rowStart[j], b = (int)rowStart[j + 1];
            if (_perSynapse)
            {
                for (int s = a; s < b; s++)
                {
                    double r = ShortTermPlasticity.Release(ref _u[s], ref _x[s], t - _last[s], _bigU, _tauRec, _tauFac);
                    _last[s] = t; _release[s] = r;
                    weight[s] = (float)(Weights[s] * r);
                }
            }
            else
            {
                double r = ShortTermPlasticity.Release(ref _u[j], ref _x[j], t - _last[j], _bigU, _tauRec, _tauFac);
                _last[j] = t; _release[j] = r;
                for (int s = a; s < b; s++) weight[s] = (float)(Weights[s] * r);
            }
        }
    }

    /// <inheritdoc/>
    protected internal override void AfterPropagation(long step)
    {
    }
}
