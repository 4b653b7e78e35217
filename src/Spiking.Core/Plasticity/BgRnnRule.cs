using Spiking.Description;
using Spiking.Engine;
using Spiking.Models;
using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// The likelihood gradient of the bgG-RNN prior (Pachitariu &amp; Sahani, "Learning visual motion in
/// recurrent neural networks"), an STDP-like rule on a projection k → j onto stochastic binary units:
/// <code>
/// ∂L^t/∂R_jk = (h_k^(t−1)·x_k^(t−1))·(h_j^t − σ(R(h^(t−1)∘x^(t−1)) + b)_j)
/// ΔW_jk = η·out_k^(t−1)·(h_j^t − p_j^t)
/// </code>
/// out_k^(t−1) is the presynaptic output that drove the post unit's logit in step t (the output of
/// step t − 1 − D for a constant delay of D steps), h_j^t the post unit's gate and p_j^t = σ(a_j^t) its
/// prior probability, computed before the gate was sampled or inferred. Presynaptic activity followed
/// by a post unit that turns on more often than predicted potentiates; by one that stays off when
/// predicted on, depresses; a silent presynaptic unit changes nothing. For any sigmoid–Bernoulli unit
/// this is the gradient of log P(h_j^t | inputs) (logistic regression; for <c>binary_sigmoid</c> with
/// temperature T the exact gradient has a factor 1/T, folded into η). Biases are learned the same way
/// from a unit whose output is always 1 (a <c>rate_input</c> population held at 1): ∂L/∂b_j = h_j − p_j.
/// Optional penalties per step: L2 decay, w ← w − η·λ₂·w, and L1 as a proximal step that shrinks |w|
/// by η·λ₁ without crossing 0 (the L1 regularisation of the paper's R).
/// </summary>
internal sealed class BgRnnRule : IPlasticityRule, IProjectionRequirements
{
    /// <summary>The instance the registry holds.</summary>
    public static readonly BgRnnRule Instance = new();
    /// <inheritdoc/>
    public string Name => "bgrnn";
    /// <inheritdoc/>
    public string Description => "bgG-RNN likelihood gradient dW_jk = eta*out_k(t-1)*(h_j(t) - p_j(t)) onto binary units (Pachitariu & Sahani)";

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityParameter> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 1e-2, "learning rate per step"),
        new("decay", Dimension.Dimensionless, 0, "L2 weight decay lambda2 per step (w <- w - eta*lambda2*w)"),
        new("l1", Dimension.Dimensionless, 0, "L1 penalty lambda1 (|w| shrinks by eta*lambda1 per step, not past 0)"),
        new("batch", Dimension.Dimensionless, 1, "steps whose changes are summed and applied together, after steps batch-1, 2*batch-1, ... (1: online; the standalone trainer's one SGD step per sequence is batch = frames per sequence + 1 in BgRnnNetwork)"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<PlasticityOption> Options { get; } = [];
    /// <inheritdoc/>
    public PlasticityActivity Activity => PlasticityActivity.Rates;

    /// <inheritdoc/>
    public IEnumerable<string> Validate(PlasticitySettings s, double dt)
    {
        if (!(s["eta"] >= 0) || !double.IsFinite(s["eta"])) yield return $"eta must be >= 0 and finite (got {s["eta"]})";
        if (!(s["decay"] >= 0) || !double.IsFinite(s["decay"])) yield return $"decay must be >= 0 and finite (got {s["decay"]})";
        if (!(s["l1"] >= 0) || !double.IsFinite(s["l1"])) yield return $"l1 must be >= 0 and finite (got {s["l1"]})";
        if (!(s["batch"] >= 1) || s["batch"] != Math.Floor(s["batch"]) || s["batch"] > int.MaxValue) yield return $"batch must be a whole number of steps >= 1 (got {s["batch"]})";
    }

    /// <inheritdoc/>
    public IEnumerable<(string Field, string Message)> Check(ProjectionSpec projection, INeuronModel pre, INeuronModel post)
    {
        if (post is not IBinaryUnitModel)
            yield return ("plasticity.rule", $"rule '{Name}' needs stochastic binary post units (binary_gated, binary_sigmoid), whose gate h and prior probability p it reads; "
                + $"population '{projection.Post}' runs {(post.IsRate ? "rate" : "spiking")} model '{post.Name}'");
        if (!pre.IsRate)
            yield return ("plasticity.rule", $"rule '{Name}' reads the graded output of the presynaptic units (binary_gated, binary_sigmoid, rate_input, ...); population '{projection.Pre}' runs spiking model '{pre.Name}'");
        if (projection.Delay is not ConstantValue)
            yield return ("delay", $"rule '{Name}' pairs each post step with the presynaptic output that drove it, so the delay must be one constant (got a distribution)");
    }

    /// <inheritdoc/>
    public PlasticityRuntime Create(ProjectionState projection, PlasticitySettings settings, double dt) => new BgRnnRuntime(projection, settings, dt);

    /// <summary>The likelihood-gradient step ΔW = η·out_pre^(t−1)·(h_post^t − p_post^t).</summary>
    public static double Delta(double preOutPrev, double hPost, double pPost, double eta) => eta * preOutPrev * (hPost - pPost);

    /// <summary>
    /// The weight after one step: w + <see cref="Delta"/> − η·λ₂·w, then |w| shrunk by η·λ₁ without
    /// crossing 0 (before the common bounds are applied).
    /// </summary>
    public static double Next(double w, double preOutPrev, double hPost, double pPost, double eta, double decay, double l1)
        => Apply(w, Delta(preOutPrev, hPost, pPost, eta), eta, decay, l1);

    /// <summary>The weight after a summed change <paramref name="delta"/>: w + delta − η·λ₂·w, then |w| shrunk by η·λ₁ without crossing 0.</summary>
    public static double Apply(double w, double delta, double eta, double decay, double l1)
    {
        w += delta - eta * decay * w;
        // Soft threshold, branch-free (the sign of w is random across synapses): sign(w)·max(|w| − η·λ₁, 0).
        return Math.CopySign(Math.Max(Math.Abs(w) - eta * l1, 0.0), w);
    }
}

/// <summary>
/// The state of a <see cref="BgRnnRule"/> projection: the presynaptic outputs of the last D + 1 steps
/// (D the constant delay in steps). The kernel propagates a step's output after the update, so the
/// logit a^t of the post units was driven by the output of step t − 1 − D, which the rule must have
/// kept: by the time it runs in step t the presynaptic output is already that of step t.
/// </summary>
/// <remarks>
/// The rule runs before propagation (<see cref="BeforePropagation"/>, after the update and any
/// inference hook), and refreshes the column copy of the weights that rate propagation reads, so that
/// the output of step t already travels with the weights W^t = W^(t−1) + η·∇ log P(h^t | W^(t−1)):
/// exact online gradient ascent, the logit of every step computed with all updates so far. With a
/// delay of D steps an output travels with the weights of the step it left, so the logit of step t
/// was computed with W^(t−1−D) and the step is the gradient at weights D steps old (negligible for a
/// small η; the test replays it exactly). Only the changed synapses are written to the column copy
/// (through an index synapse → column, 4 bytes per synapse), so a step costs O(synapses of active
/// presynaptic units) when no penalty is set. (The kernel refreshes the whole copy once more after the
/// step, as for every rate rule; that copy is redundant here.)
/// </remarks>
internal sealed class BgRnnRuntime : PlasticityRuntime
{
    private readonly double _eta, _decay, _l1;
    private readonly bool _penalised;
    private readonly int _batch;           // steps per applied change (1: online)
    private readonly double[] _pending;    // batch > 1: the summed changes of the current batch, per synapse
    private readonly BinaryUnitGroup _post;
    private readonly double[][] _history; // slot n mod (D + 1): the output of step n − 1 − D while step n runs
    private GradedPull? _pull;             // the column copy propagation reads (set by the Simulator after this runtime was built)
    private int[] _column = [];            // per synapse, its index in _pull

    public BgRnnRuntime(ProjectionState p, PlasticitySettings s, double dt) : base(p, s, dt)
    {
        _eta = s["eta"]; _decay = s["decay"]; _l1 = s["l1"];
        _penalised = _decay > 0 || _l1 > 0;
        _batch = (int)s["batch"];
        _pending = _batch > 1 ? new double[p.Synapses.Count] : [];
        _post = p.Post.Group as BinaryUnitGroup
            ?? throw new ArgumentException($"rule 'bgrnn' on projection '{p.Spec.Name}' needs binary post units; '{p.Post.Spec.Name}' runs '{p.Post.Model.Name}'");
        if (p.Synapses.Delay.Length > 0) throw new ArgumentException($"rule 'bgrnn' on projection '{p.Spec.Name}' needs one constant delay");
        if (p.Pre.Group.Output is null) throw new ArgumentException($"rule 'bgrnn' on projection '{p.Spec.Name}' needs presynaptic units with a graded output; '{p.Pre.Spec.Name}' runs '{p.Pre.Model.Name}'");
        _history = new double[p.Synapses.ConstantDelay + 1][];
        for (int k = 0; k < _history.Length; k++) _history[k] = new double[p.Pre.Size]; // nothing arrived before step 0
    }

    /// <summary>η, λ₂, λ₁ and the batch length in steps, for other backends.</summary>
    internal (double Eta, double Decay, double L1, int Batch) Settings => (_eta, _decay, _l1, _batch);

    /// <summary>The presynaptic outputs kept, slot n mod (D + 1) read in step n; other backends start from and write back into them.</summary>
    internal double[][] History => _history;

    /// <summary>With batch &gt; 1, the summed changes of the current batch per synapse (else empty); other backends start from and write back into them.</summary>
    internal double[] Pending => _pending;

    protected internal override void BeforePropagation(long step)
    {
        var prev = _history[(int)(step % _history.Length)];
        var h = _post.Gate; var p = _post.Probability;
        var rowStart = Projection.Synapses.RowStart; var target = Projection.Synapses.Target;
        var w = Weights; var table = Projection.Synapses.Weight;
        if (!ReferenceEquals(_pull, Projection.Pull)) IndexColumns();
        var columnWeight = _pull?.Weight; var column = _column;
        if (_batch > 1)
        {
            // Sum this step's changes; apply the batch's sum (and the penalties, once) after its last step.
            for (int k = 0; k < prev.Length; k++)
            {
                double x = prev[k];
                if (x == 0) continue;
                for (int s = (int)rowStart[k], e = (int)rowStart[k + 1]; s < e; s++)
                    _pending[s] += BgRnnRule.Delta(x, h[target[s]], p[target[s]], _eta);
            }
            if ((step + 1) % _batch == 0)
            {
                for (int s = 0; s < _pending.Length; s++)
                {
                    if (_pending[s] == 0 && !_penalised) continue;
                    Store(s, BgRnnRule.Apply(w[s], _pending[s], _eta, _decay, _l1));
                    if (columnWeight is not null) columnWeight[column[s]] = table[s];
                    _pending[s] = 0;
                }
            }
            Projection.Pre.Group.Output!.CopyTo(prev, 0);
            return;
        }
        for (int k = 0; k < prev.Length; k++)
        {
            double x = prev[k];
            if (x == 0 && !_penalised) continue;
            for (int s = (int)rowStart[k], e = (int)rowStart[k + 1]; s < e; s++)
            {
                int j = target[s];
                Store(s, BgRnnRule.Next(w[s], x, h[j], p[j], _eta, _decay, _l1));
                if (columnWeight is not null) columnWeight[column[s]] = table[s];
            }
        }
        Projection.Pre.Group.Output!.CopyTo(prev, 0);
    }

    protected internal override void AfterPropagation(long step)
    {
    }

    /// <summary>Builds the index synapse → column of the projection's column copy (once, when the Simulator made it).</summary>
    private void IndexColumns()
    {
        _pull = Projection.Pull;
        if (_pull is null) { _column = []; return; }
        _column = new int[_pull.Synapse.Length];
        for (int c = 0; c < _column.Length; c++) _column[_pull.Synapse[c]] = c;
    }
}
