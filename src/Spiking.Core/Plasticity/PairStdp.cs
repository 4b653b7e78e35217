using Spiking.Engine;
using Spiking.Models;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// Pair-based STDP with traces (Song, Miller &amp; Abbott 2000; van Rossum, Bi &amp; Turrigiano 2000;
/// trace form of Morrison et al. 2008). For one pre spike at t_pre and one post spike at t_post,
/// Δt = t_post − t_pre:
/// <code>
/// Δw = A+ · exp(−Δt/τ+)   (Δt &gt; 0)        Δw = −A− · exp(Δt/τ−)   (Δt &lt; 0)        Δw = 0   (Δt = 0)
/// </code>
/// pairing = "all": every pre–post pair adds (traces jump by 1); "nearest": symmetric nearest-spike
/// interaction (traces reset to 1). update = "additive": Δw as above, in the weight unit (Song et al.);
/// "multiplicative": potentiation additive, depression proportional to the weight, Δw− = −A−·w·exp(Δt/τ−)
/// (van Rossum et al. 2000). In rate mode (rate populations) the rule is its average over uncorrelated
/// Poisson trains at the rates ν_pre, ν_post given by the outputs, read as Hz (Kempter, Gerstner &amp; van
/// Hemmen 1999): dw/dt = ν_pre·ν_post·(A+τ+ − A−τ−) (with w·A−τ− when multiplicative).
/// </summary>
internal sealed class PairStdp : IPlasticityRule
{
    /// <summary>Pair STDP runs in the event-driven kernel too (traces advanced over exact intervals).</summary>
    public bool SupportsEventDriven => true;

    /// <summary>The instance the registry holds.</summary>
    public static readonly PairStdp Instance = new();

    /// <inheritdoc/>
    public string Name => "stdp";
    /// <inheritdoc/>
    public string Description => "pair-based STDP, all-to-all or nearest pairing, additive or multiplicative (Song et al. 2000; van Rossum et al. 2000)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 20, "decay time of the presynaptic trace (potentiation window)"),
        new("tau_minus", Dimension.Time, 20, "decay time of the postsynaptic trace (depression window)"),
        new("A_plus", Dimension.Dimensionless, 0.01, "potentiation per pair at Δt → 0+ (weight unit)"),
        new("A_minus", Dimension.Dimensionless, 0.0105, "depression per pair at Δt → 0− (weight unit; a fraction of w when multiplicative)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } =
    [
        new("pairing", ["all", "nearest"], "which spike pairs interact"),
        new("update", ["additive", "multiplicative"], "whether depression scales with the weight"),
    ];

    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Spikes | PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        foreach (var n in new[] { "tau_plus", "tau_minus" })
            if (!(s[n] > 0)) yield return $"{n} must be > 0 ms (got {s[n]})";
        foreach (var n in new[] { "A_plus", "A_minus" })
            if (!(s[n] >= 0)) yield return $"{n} must be >= 0 (got {s[n]}); the signs of potentiation and depression are built in";
    }

    /// <summary>Multiplicative depression scales with w (Δw− = −A−·w·exp(Δt/τ−)), so w_min must be >= 0 unless the receptor is a conductance.</summary>
    public IEnumerable<(string Field, string Message)> CheckWeights(PlasticitySettings s, ReceptorInfo? receptor)
    {
        if (s.Option("update") == "multiplicative" && s["w_min"] < 0 && receptor is not { IsConductance: true })
            yield return ("w_min", "multiplicative depression scales with w; give w_min >= 0");
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new PairStdpRuntime(projection, settings, dt);

    /// <summary>The weight change of one pre–post pair at Δt = t_post − t_pre (ms), additive form.</summary>
    public static double Window(double deltaT, double aPlus, double aMinus, double tauPlus, double tauMinus)
        => deltaT > 0 ? aPlus * Math.Exp(-deltaT / tauPlus) : deltaT < 0 ? -aMinus * Math.Exp(deltaT / tauMinus) : 0.0;

    /// <summary>
    /// Mean drift dw/dt (weight unit per ms) for uncorrelated Poisson trains at <paramref name="preHz"/> and
    /// <paramref name="postHz"/>: ν_pre·ν_post·∫W(Δt)dΔt = ν_pre·ν_post·(A+τ+ − A−τ−) (τ in ms, ν in Hz: × 1e-6).
    /// </summary>
    public static double RateDrift(double preHz, double postHz, double aPlus, double aMinus, double tauPlus, double tauMinus)
        => preHz * postHz * (aPlus * tauPlus - aMinus * tauMinus) * 1e-6;

    /// <summary>The rate form's change of weight <paramref name="w"/> over one step of <paramref name="dt"/> ms (A− scaled by w when multiplicative).</summary>
    public static double RateChange(double w, double preHz, double postHz, double aPlus, double aMinus, double tauPlus, double tauMinus, bool multiplicative, double dt)
        => RateDrift(preHz, postHz, aPlus, multiplicative ? aMinus * w : aMinus, tauPlus, tauMinus) * dt;

    /// <summary>Depression at a pre spike that reads post trace <paramref name="xPost"/>.</summary>
    public static double Depress(double w, double xPost, double aMinus, bool multiplicative)
        => multiplicative ? w - aMinus * xPost * w : w - aMinus * xPost;

    /// <summary>Potentiation at a post spike that reads pre trace <paramref name="xPre"/>.</summary>
    public static double Potentiate(double w, double xPre, double aPlus) => w + aPlus * xPre;
}

/// <summary>
/// The per-dt constants of one pair-STDP projection in the time-stepped kernel, as a device kernel reads
/// them: trace factors e^(−dt/τ±), amplitudes, hard bounds, and the options (1 or 0).
/// </summary>
internal readonly record struct PairStdpConstants(double FPre, double FPost, double APlus, double AMinus, double WMin, double WMax,
    int Nearest, int Multiplicative);

/// <summary>stdp's time-stepped rule as a kernel struct (CPU and device): x_pre is the first pre trace, x_post the first post trace.</summary>
internal readonly struct PairStdpKernel(PairStdpConstants c) : ISpikeRuleKernel
{
    private readonly PairStdpConstants _c = c;

    /// <inheritdoc/>
    public bool AtPre<TTraces>(TTraces t, int j, int target, ref double w) where TTraces : struct, ISpikeTraces
    {
        double x = t.Post(target);
        if (x == 0) return false;
        w = PairStdp.Depress(w, x, _c.AMinus, _c.Multiplicative != 0);
        return true;
    }

    /// <inheritdoc/>
    public bool AtPost<TTraces>(TTraces t, int i, int pre, ref double w) where TTraces : struct, ISpikeTraces
    {
        double x = t.Pre(pre);
        if (x == 0) return false;
        w = PairStdp.Potentiate(w, x, _c.APlus);
        return true;
    }

    /// <inheritdoc/>
    public void BumpPre<TTraces>(TTraces t, int j) where TTraces : struct, ISpikeTraces => t.SetPre(j, Trace.Bump(t.Pre(j), _c.Nearest != 0));
    /// <inheritdoc/>
    public void BumpPost<TTraces>(TTraces t, int i) where TTraces : struct, ISpikeTraces => t.SetPost(i, Trace.Bump(t.Post(i), _c.Nearest != 0));
}

/// <summary>
/// Per step (spikes of step n stamped t = (n+1)·dt): (1) both traces decay to t; (2) each pre spike
/// depresses its row by the post traces, each post spike potentiates its column by the pre traces —
/// traces read before (3) the spikes of this step bump them. A pre and a post spike in the same step
/// (Δt = 0) therefore do not interact, and a pair Δt apart changes w by exactly <see cref="PairStdp.Window"/>.
/// </summary>
internal sealed class PairStdpRuntime : SpikeRuleRuntime<PairStdpKernel>
{
    private readonly double[] _xPre, _xPost;
    private readonly double _fPre, _fPost, _aPlus, _aMinus, _tauPlus, _tauMinus;
    private readonly bool _nearest, _multiplicative;

    public PairStdpRuntime(ProjectionState projection, PlasticitySettings s, double dt) : base(projection, s, dt)
    {
        _tauPlus = s["tau_plus"]; _tauMinus = s["tau_minus"];
        _aPlus = s["A_plus"]; _aMinus = s["A_minus"];
        _fPre = Trace.Factor(dt, _tauPlus); _fPost = Trace.Factor(dt, _tauMinus);
        _nearest = s.Option("pairing") == "nearest";
        _multiplicative = s.Option("update") == "multiplicative";
        _xPre = new double[projection.Pre.Size];
        _xPost = new double[projection.Post.Size];
        Use(new PairStdpKernel(Constants), new SpikeTrace(_xPre, _fPre, true), new SpikeTrace(_xPost, _fPost, false));
        if (!RateMode) _ = Columns;
    }

    /// <summary>The constants of the time-stepped rule (for the device backend).</summary>
    internal PairStdpConstants Constants => new(_fPre, _fPost, _aPlus, _aMinus, WMin, WMax, _nearest ? 1 : 0, _multiplicative ? 1 : 0);

    /// <summary>τ+ and τ− (ms), which the rate form needs (for the device backend).</summary>
    internal (double TauPlus, double TauMinus) Taus => (_tauPlus, _tauMinus);

    /// <summary>Presynaptic traces (one per pre neuron), at the last step's end.</summary>
    public ReadOnlySpan<double> PreTrace => _xPre;
    /// <summary>Postsynaptic traces (one per post neuron).</summary>
    public ReadOnlySpan<double> PostTrace => _xPost;

    protected internal override void AfterPropagation(long step)
    {
        if (RateMode) { RateStep(); return; }
        SpikeStep();
    }

    private double[]? _preTime, _postTime;     // event mode: when each trace last jumped (or was brought up to date)
    private double[]? _preBefore, _postBefore; // ... and its value just before that jump

    /// <summary>
    /// Event mode: the same rule on exact spike times. A pre spike at t depresses its row by the post
    /// traces at t, a post spike potentiates its column by the pre traces at t (each trace decayed over
    /// the exact interval since it last jumped), then the spiking neuron's trace jumps; a pair Δt apart
    /// changes w by exactly <see cref="PairStdp.Window"/>, for any Δt, not only multiples of dt. A trace
    /// that jumped at t itself is read as it was just before (simultaneous spikes do not interact, as in
    /// the time-stepped kernel: W(0) = 0).
    /// </summary>
    protected internal override void OnSpike(bool pre, int neuron, double time)
    {
        _preTime ??= new double[_xPre.Length];
        _postTime ??= new double[_xPost.Length];
        _preBefore ??= new double[_xPre.Length];
        _postBefore ??= new double[_xPost.Length];
        var w = Weights;
        if (pre)
        {
            var table = Projection.Synapses;
            var target = table.Target;
            for (long s = table.RowStart[neuron], e = table.RowStart[neuron + 1]; s < e; s++)
            {
                double x = TraceAt(_xPost, _postBefore, _postTime, target[s], time, _tauMinus);
                if (x != 0) Store((int)s, PairStdp.Depress(w[s], x, _aMinus, _multiplicative));
            }
            Jump(_xPre, _preBefore, _preTime, neuron, time, _tauPlus);
        }
        else
        {
            var cols = Columns;
            for (int c = cols.Start[neuron]; c < cols.Start[neuron + 1]; c++)
            {
                double x = TraceAt(_xPre, _preBefore, _preTime, cols.Pre[c], time, _tauPlus);
                if (x != 0) { int s = cols.Synapse[c]; Store(s, PairStdp.Potentiate(w[s], x, _aPlus)); }
            }
            Jump(_xPost, _postBefore, _postTime, neuron, time, _tauMinus);
        }
    }

    private static double TraceAt(double[] x, double[] before, double[] at, int i, double time, double tau)
        => time == at[i] ? before[i] : Trace.Decay(x[i], time - at[i], tau);

    private void Jump(double[] x, double[] before, double[] at, int i, double time, double tau)
    {
        double now = TraceAt(x, before, at, i, time, tau);
        before[i] = now;
        x[i] = Trace.Bump(now, _nearest);
        at[i] = time;
    }

    private void RateStep()
    {
        var preOut = Projection.Pre.Group.Output!; var postOut = Projection.Post.Group.Output!;
        var table = Projection.Synapses;
        var rowStart = table.RowStart; var target = table.Target;
        double dt = Dt;
        for (int j = 0; j < preOut.Length; j++)
        {
            double nu = preOut[j];
            if (nu == 0) continue;
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++)
            {
                double w = Weights[s];
                Store(s, w + PairStdp.RateChange(w, nu, postOut[target[s]], _aPlus, _aMinus, _tauPlus, _tauMinus, _multiplicative, dt));
            }
        }
    }
}
