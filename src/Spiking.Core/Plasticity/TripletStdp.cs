using Spiking.Engine;
using Spiking.Models;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Triplet STDP (Pfister &amp; Gerstner 2006, J Neurosci 26:9673, eq. 3–4): presynaptic traces r1 (τ+),
/// r2 (τx), postsynaptic traces o1 (τ−), o2 (τy);
/// <code>
/// pre spike:  w ← w − o1·(A2− + A3−·r2(t−ε));   then r1, r2 jump
/// post spike: w ← w + r1·(A2+ + A3+·o2(t−ε));   then o1, o2 jump
/// </code>
/// Defaults: visual cortex, all-to-all, full model (Table 4 of the paper). pairing = "nearest" is
/// their nearest-spike interaction (traces reset to 1); with A3− = 0 and A2+ = 0 it is the "minimal"
/// model. Traces are read before this step's spikes bump them (as for <see cref="PairStdp"/>).
/// </summary>
internal sealed class TripletStdp : IPlasticityRule
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly TripletStdp Instance = new();

    /// <inheritdoc/>
    public string Name => "triplet_stdp";
    /// <inheritdoc/>
    public string Description => "triplet STDP with four traces, all-to-all or nearest-spike (Pfister & Gerstner 2006)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 16.8, "decay time of presynaptic trace r1"),
        new("tau_minus", Dimension.Time, 33.7, "decay time of postsynaptic trace o1"),
        new("tau_x", Dimension.Time, 101, "decay time of presynaptic trace r2"),
        new("tau_y", Dimension.Time, 125, "decay time of postsynaptic trace o2"),
        new("A2_plus", Dimension.Dimensionless, 5e-10, "pair potentiation"),
        new("A3_plus", Dimension.Dimensionless, 6.2e-3, "triplet potentiation"),
        new("A2_minus", Dimension.Dimensionless, 7e-3, "pair depression"),
        new("A3_minus", Dimension.Dimensionless, 2.3e-4, "triplet depression"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("pairing", ["all", "nearest"], "all-to-all (traces add) or nearest-spike (traces reset to 1)"),
    ];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        foreach (var n in new[] { "tau_plus", "tau_minus", "tau_x", "tau_y" })
            if (!(s[n] > 0)) yield return $"{n} must be > 0 ms (got {s[n]})";
        foreach (var n in new[] { "A2_plus", "A3_plus", "A2_minus", "A3_minus" })
            if (!(s[n] >= 0)) yield return $"{n} must be >= 0 (got {s[n]})";
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new TripletStdpRuntime(projection, settings, dt);

    /// <summary>Depression at a pre spike: o1 the post trace, r2 the pre's slow trace before its jump.</summary>
    public static double Depress(double w, double o1, double r2, double a2Minus, double a3Minus) => w - o1 * (a2Minus + a3Minus * r2);

    /// <summary>Potentiation at a post spike: r1 the pre trace, o2 the post's slow trace before its jump.</summary>
    public static double Potentiate(double w, double r1, double o2, double a2Plus, double a3Plus) => w + r1 * (a2Plus + a3Plus * o2);
}

/// <summary>
/// The per-dt constants of one triplet-STDP projection in the time-stepped kernel, as a device kernel reads
/// them: the four trace factors e^(−dt/τ), the amplitudes, and nearest pairing (1 or 0).
/// </summary>
internal readonly record struct TripletStdpConstants(double FR1, double FR2, double FO1, double FO2,
    double A2Plus, double A3Plus, double A2Minus, double A3Minus, int Nearest);

/// <summary>triplet_stdp's step as a kernel struct (CPU and device): pre traces r1, r2 and post traces o1, o2, in that order.</summary>
internal readonly struct TripletStdpKernel(TripletStdpConstants c) : ISpikeRuleKernel
{
    private readonly TripletStdpConstants _c = c;

    /// <summary>o1 of the target; r2 of the pre neuron, before its jump.</summary>
    public bool AtPre<TTraces>(TTraces t, int j, int target, ref double w) where TTraces : struct, ISpikeTraces
    {
        double o1 = t.Post(target);
        if (o1 == 0) return false;
        w = TripletStdp.Depress(w, o1, t.Pre2(j), _c.A2Minus, _c.A3Minus);
        return true;
    }

    /// <summary>r1 of the pre neuron; o2 of the post neuron, before its jump.</summary>
    public bool AtPost<TTraces>(TTraces t, int i, int pre, ref double w) where TTraces : struct, ISpikeTraces
    {
        double r1 = t.Pre(pre);
        if (r1 == 0) return false;
        w = TripletStdp.Potentiate(w, r1, t.Post2(i), _c.A2Plus, _c.A3Plus);
        return true;
    }

    /// <inheritdoc/>
    public void BumpPre<TTraces>(TTraces t, int j) where TTraces : struct, ISpikeTraces
    {
        bool nearest = _c.Nearest != 0;
        t.SetPre(j, Trace.Bump(t.Pre(j), nearest));
        t.SetPre2(j, Trace.Bump(t.Pre2(j), nearest));
    }

    /// <inheritdoc/>
    public void BumpPost<TTraces>(TTraces t, int i) where TTraces : struct, ISpikeTraces
    {
        bool nearest = _c.Nearest != 0;
        t.SetPost(i, Trace.Bump(t.Post(i), nearest));
        t.SetPost2(i, Trace.Bump(t.Post2(i), nearest));
    }
}

internal sealed class TripletStdpRuntime : SpikeRuleRuntime<TripletStdpKernel>
{
    private readonly double[] _r1, _r2, _o1, _o2;
    private readonly double _fr1, _fr2, _fo1, _fo2, _a2p, _a3p, _a2m, _a3m;
    private readonly bool _nearest;

    public TripletStdpRuntime(ProjectionState projection, PlasticitySettings s, double dt) : base(projection, s, dt)
    {
        _fr1 = Trace.Factor(dt, s["tau_plus"]); _fr2 = Trace.Factor(dt, s["tau_x"]);
        _fo1 = Trace.Factor(dt, s["tau_minus"]); _fo2 = Trace.Factor(dt, s["tau_y"]);
        _a2p = s["A2_plus"]; _a3p = s["A3_plus"]; _a2m = s["A2_minus"]; _a3m = s["A3_minus"];
        _nearest = s.Option("pairing") == "nearest";
        _r1 = new double[projection.Pre.Size]; _r2 = new double[projection.Pre.Size];
        _o1 = new double[projection.Post.Size]; _o2 = new double[projection.Post.Size];
        Use(new TripletStdpKernel(Constants), new SpikeTrace(_r1, _fr1, true), new SpikeTrace(_r2, _fr2, true),
            new SpikeTrace(_o1, _fo1, false), new SpikeTrace(_o2, _fo2, false));
        _ = Columns;
    }

    /// <summary>The constants of the time-stepped rule (for the device backend).</summary>
    internal TripletStdpConstants Constants => new(_fr1, _fr2, _fo1, _fo2, _a2p, _a3p, _a2m, _a3m, _nearest ? 1 : 0);

    protected internal override void AfterPropagation(long step) => SpikeStep();
}
