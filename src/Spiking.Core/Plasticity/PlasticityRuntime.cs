using Spiking.Engine;

namespace Spiking.Plasticity;

/// <summary>
/// The state of a learning rule on one projection, and its step. The kernel calls
/// <see cref="BeforePropagation"/> once per step after the neuron update (this step's spikes, stamped
/// at its end, are known; only short-term plasticity uses it) and <see cref="AfterPropagation"/> once
/// per step after propagation, on one thread, plastic projections in projection order: updates are
/// therefore the same for any thread count.
/// </summary>
/// <remarks>
/// Weights are accumulated in double (<see cref="Weights"/>) and every changed weight is stored to the
/// float table that propagation reads. Changes of 1e-9 relative to the weight (Hebbian steps with a
/// small η, the tails of the STDP window) would be lost in float32 accumulation; the double copy costs
/// 8 bytes per plastic synapse.
/// </remarks>
public abstract class PlasticityRuntime : ISynapticPlasticity
{
    private readonly long _normalizeSteps;
    private readonly double[]? _normalizeTarget;
    private SynapseColumns? _columns;

    /// <summary>Copies the projection's weights to double and reads the bounds and normalisation.</summary>
    protected PlasticityRuntime(ProjectionState projection, PlasticitySettings settings, double dt)
    {
        Projection = projection;
        Dt = dt;
        var table = projection.Synapses.Weight;
        Weights = new double[table.Length];
        for (int s = 0; s < table.Length; s++) Weights[s] = table[s];
        bool conductance = projection.Post.Model.Receptors[projection.Receptor].IsConductance;
        WMin = conductance ? Math.Max(0, settings["w_min"]) : settings["w_min"];
        WMax = settings["w_max"];
        double every = settings["normalize_every"];
        if (every > 0)
        {
            _normalizeSteps = Math.Max(1, (long)Math.Round(every / dt));
            _normalizeTarget = new double[projection.Post.Size];
            double total = settings["normalize_total"];
            if (double.IsNaN(total)) ColumnSums(_normalizeTarget);
            else Array.Fill(_normalizeTarget, total);
        }
    }

    /// <summary>The projection whose weights change.</summary>
    public ProjectionState Projection { get; }

    /// <summary>Time step (ms).</summary>
    public double Dt { get; }

    /// <summary>The weights in double, parallel to the table's <see cref="Connectors.SynapseTable.Weight"/>; the rule's working copy.</summary>
    public double[] Weights { get; }

    /// <summary>Hard bounds, in the receptor's weight unit.</summary>
    public double WMin { get; }
    /// <summary>Upper hard bound, in the receptor's weight unit.</summary>
    public double WMax { get; }

    /// <summary>Whether homeostatic normalisation is on (normalize_every &gt; 0).</summary>
    internal bool Normalizes => _normalizeTarget is not null;

    /// <summary>With normalisation: every how many steps it runs (after the rule of step n when (n + 1) is a multiple), and each post neuron's target sum (the device backend uploads them).</summary>
    internal long NormalizeSteps => _normalizeSteps;
    internal double[]? NormalizeTarget => _normalizeTarget;

    /// <summary>Whether both populations are rate populations (the rule reads outputs, not spikes).</summary>
    public bool RateMode => Projection.Pre.Group.Output is not null;

    /// <summary>The synapses by postsynaptic neuron, built on first use.</summary>
    public SynapseColumns Columns => _columns ??= new SynapseColumns(Projection.Synapses, Projection.Post.Size);

    /// <summary>
    /// Whether the rule may change weights in its step; a rule that set them once, when built
    /// (<see cref="HopfieldStorageRule"/>), says false, and the engine need not copy them again each step.
    /// </summary>
    protected internal virtual bool ChangesWeightsEachStep => true;

    /// <summary>Called after the neuron update of step <paramref name="step"/>, before its spikes propagate.</summary>
    protected internal virtual void BeforePropagation(long step)
    {
    }

    /// <summary>
    /// Called after the spikes of step <paramref name="step"/> (stamped (step + 1)·dt) propagated:
    /// advance traces to that time and apply the weight changes of these spikes.
    /// </summary>
    protected internal abstract void AfterPropagation(long step);

    /// <summary>
    /// Event-driven kernel: neuron <paramref name="neuron"/> of the pre (<paramref name="pre"/> true) or
    /// post population fired at exactly <paramref name="time"/> (ms). Rules that run in event mode
    /// (<see cref="IPlasticityRule.SupportsEventDriven"/>) apply the weight changes of this spike and
    /// advance their traces over the interval since they last changed.
    /// </summary>
    protected internal virtual void OnSpike(bool pre, int neuron, double time)
        => throw new NotSupportedException($"the learning rule of projection '{Projection.Spec.Name}' does not run in the event-driven kernel");

    /// <summary>One step: the rule, then the normalisation when due.</summary>
    internal void Step(long step)
    {
        AfterPropagation(step);
        if (_normalizeTarget is not null && (step + 1) % _normalizeSteps == 0) Scale(_normalizeTarget); // the simulator refreshes the column copy after the step
    }

    /// <summary>The weights a snapshot records (the plastic weight; short-term plasticity records its baseline).</summary>
    public virtual ReadOnlySpan<double> SnapshotWeights => Weights;

    /// <summary>Sets synapse <paramref name="s"/> to <paramref name="w"/> clipped to the bounds, in both copies.</summary>
    protected void Store(int s, double w)
    {
        w = Clip(w, WMin, WMax);
        Weights[s] = w;
        Projection.Synapses.Weight[s] = (float)w;
    }

    /// <summary>
    /// A weight held to the hard bounds (<paramref name="min"/> ≤ <paramref name="max"/>): what
    /// <see cref="Store"/> keeps, and what device kernels compute (Math.Clamp's comparisons, without its check of the bounds).
    /// </summary>
    public static double Clip(double w, double min, double max) => w < min ? min : w > max ? max : w;

    /// <summary>Replaces every weight (clipped to the bounds), for programs that set weights between runs.</summary>
    public void SetWeights(ReadOnlySpan<double> weights)
    {
        if (weights.Length != Weights.Length) throw new ArgumentException($"projection '{Projection.Spec.Name}' has {Weights.Length} synapses; got {weights.Length} weights", nameof(weights));
        for (int s = 0; s < weights.Length; s++) Store(s, weights[s]);
        // From rate units propagation reads a column copy: the next step must see the new weights.
        Projection.Pull?.Refresh(Projection.Synapses.Weight);
        Changes++;
    }

    /// <summary>
    /// Counts the calls of <see cref="SetWeights"/> and <see cref="Normalize"/>: a device backend, which
    /// keeps the weights on the device, uploads them again at a run's start when this moved.
    /// </summary>
    internal int Changes { get; private set; }

    /// <summary>Sum of incoming weights per post neuron.</summary>
    public void ColumnSums(Span<double> into)
    {
        into.Clear();
        var target = Projection.Synapses.Target;
        for (int s = 0; s < Weights.Length; s++) into[target[s]] += Weights[s];
    }

    /// <summary>
    /// Multiplicative normalisation: scales the incoming weights of each post neuron i so that they sum
    /// to <paramref name="target"/>[i] (then clips to the bounds). Neurons whose sum is 0 are left alone.
    /// For programs between runs: the next step propagates the new weights on any backend.
    /// </summary>
    public void Normalize(ReadOnlySpan<double> target)
    {
        Scale(target);
        Projection.Pull?.Refresh(Projection.Synapses.Weight);
        Changes++;
    }

    /// <summary>The scaling of <see cref="Normalize"/>, as the rule's own step does it.</summary>
    private void Scale(ReadOnlySpan<double> target)
    {
        var cols = Columns;
        for (int i = 0; i < target.Length; i++)
        {
            double sum = 0;
            for (int c = cols.Start[i]; c < cols.Start[i + 1]; c++) sum += Weights[cols.Synapse[c]];
            if (sum == 0) continue;
            double f = target[i] / sum;
            for (int c = cols.Start[i]; c < cols.Start[i + 1]; c++)
            {
                int s = cols.Synapse[c];
                Store(s, Weights[s] * f);
            }
        }
    }
}
