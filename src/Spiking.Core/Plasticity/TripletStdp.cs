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
public sealed class TripletStdp : IPlasticityRule
{
    public static readonly TripletStdp Instance = new();

    public string Name => "triplet_stdp";
    public string Description => "triplet STDP with four traces, all-to-all or nearest-spike (Pfister & Gerstner 2006)";

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

    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("pairing", ["all", "nearest"], "all-to-all (traces add) or nearest-spike (traces reset to 1)"),
    ];

    public PlasticityActivity Activity => PlasticityActivity.Spikes;

    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        foreach (var n in new[] { "tau_plus", "tau_minus", "tau_x", "tau_y" })
            if (!(s[n] > 0)) yield return $"{n} must be > 0 ms (got {s[n]})";
        foreach (var n in new[] { "A2_plus", "A3_plus", "A2_minus", "A3_minus" })
            if (!(s[n] >= 0)) yield return $"{n} must be >= 0 (got {s[n]})";
    }

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
public readonly record struct TripletStdpConstants(double FR1, double FR2, double FO1, double FO2,
    double A2Plus, double A3Plus, double A2Minus, double A3Minus, int Nearest);

internal sealed class TripletStdpRuntime : PlasticityRuntime
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
        _ = Columns;
    }

    /// <summary>The constants of the time-stepped rule (for the device backend).</summary>
    internal TripletStdpConstants Constants => new(_fr1, _fr2, _fo1, _fo2, _a2p, _a3p, _a2m, _a3m, _nearest ? 1 : 0);

    /// <summary>The trace arrays (pre r1, r2; post o1, o2), which the device backend uploads and writes back after a run.</summary>
    internal double[] R1 => _r1;
    internal double[] R2 => _r2;
    internal double[] O1 => _o1;
    internal double[] O2 => _o2;

    protected internal override void AfterPropagation(long step)
    {
        if (_nearest) SpikeStep<Yes>(); else SpikeStep<No>();
    }

    private void SpikeStep<TNearest>() where TNearest : struct, IStaticFlag
    {
        var pre = Projection.Pre; var post = Projection.Post;
        Trace.DecayAll(_r1, _fr1); Trace.DecayAll(_r2, _fr2);
        Trace.DecayAll(_o1, _fo1); Trace.DecayAll(_o2, _fo2);
        var table = Projection.Synapses;
        var rowStart = table.RowStart; var target = table.Target;
        var w = Weights;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            double r2 = _r2[j];
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++)
            {
                double o1 = _o1[target[s]];
                if (o1 != 0) Store(s, TripletStdp.Depress(w[s], o1, r2, _a2m, _a3m));
            }
        }
        var cols = Columns;
        for (int k = 0; k < post.SpikeCount; k++)
        {
            int i = post.SpikeBuffer[k];
            double o2 = _o2[i];
            for (int c = cols.Start[i], e = cols.Start[i + 1]; c < e; c++)
            {
                double r1 = _r1[cols.Pre[c]];
                if (r1 != 0) { int s = cols.Synapse[c]; Store(s, TripletStdp.Potentiate(w[s], r1, o2, _a2p, _a3p)); }
            }
        }
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            _r1[j] = Trace.Bump(_r1[j], TNearest.On); _r2[j] = Trace.Bump(_r2[j], TNearest.On);
        }
        for (int k = 0; k < post.SpikeCount; k++)
        {
            int i = post.SpikeBuffer[k];
            _o1[i] = Trace.Bump(_o1[i], TNearest.On); _o2[i] = Trace.Bump(_o2[i], TNearest.On);
        }
    }
}
