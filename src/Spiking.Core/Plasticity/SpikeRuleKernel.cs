using Spiking.Engine;

namespace Spiking.Plasticity;

/// <summary>
/// The traces of one spiking plastic projection as a rule kernel reads and writes them: up to two per
/// presynaptic neuron (<see cref="Pre"/>, <see cref="Pre2"/>) and two per postsynaptic neuron
/// (<see cref="Post"/>, <see cref="Post2"/>), in the order the rule lists them. The CPU's
/// <see cref="TraceArrays"/> holds them in arrays; the device backend's launch parameters implement it
/// over device memory.
/// </summary>
public interface ISpikeTraces
{
    /// <inheritdoc/>
    double Pre(int j);
    /// <inheritdoc/>
    double Pre2(int j);
    /// <inheritdoc/>
    double Post(int i);
    /// <inheritdoc/>
    double Post2(int i);
    /// <inheritdoc/>
    void SetPre(int j, double x);
    /// <inheritdoc/>
    void SetPre2(int j, double x);
    /// <inheritdoc/>
    void SetPost(int i, double x);
    /// <inheritdoc/>
    void SetPost2(int i, double x);
}

/// <summary>
/// A spike-timing learning rule as a kernel struct: the rule's per-dt constants and its per-synapse and
/// per-neuron arithmetic, shared by the CPU (<see cref="SpikeRuleRuntime{TRule}.SpikeStep"/>) and the
/// device kernels, which take it as a generic struct parameter (specialised per rule, no virtual calls).
/// A step is: the traces decay; each presynaptic spike changes its row (<see cref="AtPre{TTraces}"/>),
/// then each postsynaptic spike its column (<see cref="AtPost{TTraces}"/>), reading the decayed traces;
/// then the spiking neurons' traces jump (<see cref="BumpPre{TTraces}"/>, <see cref="BumpPost{TTraces}"/>).
/// </summary>
public interface ISpikeRuleKernel
{
    /// <summary>Presynaptic neuron j fired: the new weight <paramref name="w"/> of its synapse onto <paramref name="target"/>; false where the synapse is left alone (no store, so no clipping either).</summary>
    bool AtPre<TTraces>(TTraces t, int j, int target, ref double w) where TTraces : struct, ISpikeTraces;

    /// <summary>Postsynaptic neuron i fired: the new weight <paramref name="w"/> of its synapse from <paramref name="pre"/>; false where it is left alone.</summary>
    bool AtPost<TTraces>(TTraces t, int i, int pre, ref double w) where TTraces : struct, ISpikeTraces;

    /// <summary>After the weight updates: the traces of a spiking pre neuron jump.</summary>
    void BumpPre<TTraces>(TTraces t, int j) where TTraces : struct, ISpikeTraces;

    /// <summary>After the weight updates: the traces of a spiking post neuron jump.</summary>
    void BumpPost<TTraces>(TTraces t, int i) where TTraces : struct, ISpikeTraces;
}

/// <summary>One trace array of a spiking rule: per presynaptic (<paramref name="Pre"/>) or postsynaptic neuron, multiplied by <paramref name="Factor"/> each step.</summary>
public readonly record struct SpikeTrace(double[] Values, double Factor, bool Pre);

/// <summary>The CPU's traces of a spiking rule: the first and second pre and post trace arrays (empty where the rule has none).</summary>
public readonly struct TraceArrays(double[] pre, double[] pre2, double[] post, double[] post2) : ISpikeTraces
{
    private readonly double[] _pre = pre, _pre2 = pre2, _post = post, _post2 = post2;

    /// <inheritdoc/>
    public double Pre(int j) => _pre[j];
    /// <inheritdoc/>
    public double Pre2(int j) => _pre2[j];
    /// <inheritdoc/>
    public double Post(int i) => _post[i];
    /// <inheritdoc/>
    public double Post2(int i) => _post2[i];
    /// <inheritdoc/>
    public void SetPre(int j, double x) => _pre[j] = x;
    /// <inheritdoc/>
    public void SetPre2(int j, double x) => _pre2[j] = x;
    /// <inheritdoc/>
    public void SetPost(int i, double x) => _post[i] = x;
    /// <inheritdoc/>
    public void SetPost2(int i, double x) => _post2[i] = x;
}

/// <summary>
/// The state of a spiking rule written as a kernel struct (<typeparamref name="TRule"/>): its traces,
/// and the time-stepped step (<see cref="SpikeStep"/>) as a generic loop over the struct. The device
/// backend runs the same struct (<see cref="Kernel"/>) on the same traces (<see cref="Traces"/>).
/// </summary>
public abstract class SpikeRuleRuntime<TRule> : PlasticityRuntime where TRule : struct, ISpikeRuleKernel
{
    private TRule _kernel;
    private SpikeTrace[] _traces = [];
    private TraceArrays _view;

    /// <summary>The rule's state on <paramref name="projection"/> with its settings at step <paramref name="dt"/> (ms); the derived constructor hands over its kernel and traces.</summary>
    protected SpikeRuleRuntime(ProjectionState projection, PlasticitySettings settings, double dt) : base(projection, settings, dt)
    {
    }

    /// <summary>The rule's kernel struct (its per-dt constants).</summary>
    public TRule Kernel => _kernel;

    /// <summary>The rule's traces, pre before post, each kind in the order <see cref="ISpikeTraces"/> names them.</summary>
    public IReadOnlyList<SpikeTrace> Traces => _traces;

    /// <summary>Sets the rule's kernel struct and its traces (from the derived constructor).</summary>
    protected void Use(TRule kernel, params SpikeTrace[] traces)
    {
        _kernel = kernel;
        _traces = traces;
        double[] Find(bool pre, int k)
        {
            foreach (var t in traces)
                if (t.Pre == pre && k-- == 0) return t.Values;
            return [];
        }
        _view = new TraceArrays(Find(true, 0), Find(true, 1), Find(false, 0), Find(false, 1));
    }

    /// <summary>
    /// One time-stepped step (spikes of step n stamped t = (n+1)·dt): (1) every trace decays to t; (2)
    /// each pre spike changes its row, then each post spike its column, reading the traces before (3)
    /// the spikes of this step bump them. Changed weights are stored clipped.
    /// </summary>
    protected void SpikeStep()
    {
        foreach (var t in _traces) Trace.DecayAll(t.Values, t.Factor);
        var rule = _kernel; var view = _view;
        var pre = Projection.Pre; var post = Projection.Post;
        var table = Projection.Synapses;
        var rowStart = table.RowStart; var target = table.Target;
        var w = Weights;
        for (int k = 0; k < pre.SpikeCount; k++)
        {
            int j = pre.SpikeBuffer[k];
            for (int s = (int)rowStart[j], e = (int)rowStart[j + 1]; s < e; s++)
            {
                double x = w[s];
                if (rule.AtPre(view, j, target[s], ref x)) Store(s, x);
            }
        }
        var cols = Columns;
        for (int k = 0; k < post.SpikeCount; k++)
        {
            int i = post.SpikeBuffer[k];
            for (int c = cols.Start[i], e = cols.Start[i + 1]; c < e; c++)
            {
                int s = cols.Synapse[c];
                double x = w[s];
                if (rule.AtPost(view, i, cols.Pre[c], ref x)) Store(s, x);
            }
        }
        for (int k = 0; k < pre.SpikeCount; k++) rule.BumpPre(view, pre.SpikeBuffer[k]);
        for (int k = 0; k < post.SpikeCount; k++) rule.BumpPost(view, post.SpikeBuffer[k]);
    }
}
