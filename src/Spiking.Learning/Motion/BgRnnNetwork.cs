using Spiking.Description;
using Spiking.Cpu;
using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Motion;

/// <summary>
/// The bgG-RNN as a network of the simulator (the "analogue" of issue 9): a <c>binary_gated</c>
/// population whose recurrent projection R and bias projection b (from one always-on
/// <c>rate_input</c> unit) learn with the kernel's <c>bgrnn</c> rule, ΔR_jk = η (h∘x)_k^{t−1} (h_j^t − σ(a_j^t)),
/// while an <see cref="IGatedInference"/> hook sets the gates and amplitudes of each step by matching
/// pursuit on that step's frame, from the prior logits a = R(h∘x)^{t−1} + b that the kernel computed,
/// and learns the generative weights W (which are not synapses of the network: they map units to
/// pixels) by the same gradient step as <see cref="BgRnnTrainer"/>.
/// </summary>
/// <remarks>
/// One kernel step is one frame. Sequences are separated by one blank step in which every gate is
/// closed and p is set to 0: the rule then changes nothing (h − p = 0), and the next frame's prior is b
/// alone, as after <see cref="BgRnnFilter.Reset"/>. The run starts with such a step, in which the
/// always-on unit comes on. R and b change once per sequence (the rule's <c>batch</c> = frames + 1,
/// η = learning rate / frames), W too: the trainer with one sequence per batch. What differs from it is
/// arithmetic only: the kernel propagates float32 weights and sums the logits in its own order.
/// </remarks>
public sealed class BgRnnNetwork
{
    /// <summary>Names of the network's parts.</summary>
    public const string Units = "units", Bias = "one", Recurrent = "R", Biases = "b";

    private readonly BgRnnTrainingOptions _o;
    private readonly ISequenceSource _source;

    /// <summary>
    /// Prepares training on sequences 0 .. options.TrainSequences − 1 of <paramref name="source"/>,
    /// starting from the same W and b as <c>new BgRnnTrainer(source.Pixels, options)</c> and R = 0.
    /// </summary>
    public BgRnnNetwork(ISequenceSource source, BgRnnTrainingOptions options)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _o = options ?? throw new ArgumentNullException(nameof(options));
        _o.Validate();
        if (!_o.LearnRecurrent) throw new ArgumentException("the network analogue learns R; use BgRnnTrainer for R = 0", nameof(options));
        Model = new BgRnnTrainer(source.Pixels, options).Model; // its initial W (same streams) and b
    }

    /// <summary>The model: W learned by the hook; R and b copied from the network's projections after <see cref="Train"/>.</summary>
    public BgRnnParameters Model { get; }

    /// <summary>Steps of the run: one blank step, then each sequence followed by a blank step.</summary>
    public long Steps => 1 + (long)_o.TrainSequences * (_source.Frames + 1);

    /// <summary>The network description (1 ms per step).</summary>
    public NetworkSpec Spec()
    {
        int n = _o.Units, frames = _source.Frames;
        var units = new PopulationSpec(Units, "binary_gated", n,
            new Dictionary<string, double> { ["tau_x"] = _o.TauX, ["bias"] = 0 }, new Dictionary<string, ValueSpec>());
        var one = new PopulationSpec(Bias, "rate_input", 1, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>());
        // One SGD step per sequence, as the trainer: changes summed over the sequence and its blank step,
        // applied after the sequence's last frame (the run's first blank step falls in the first batch).
        PlasticitySpec Rule(double rate) => new("bgrnn", new Dictionary<string, double> { ["eta"] = rate / frames, ["batch"] = frames + 1 },
            new Dictionary<string, string>());
        return new NetworkSpec(
            new SimulationSpec(1.0, Steps, _o.Seed, 1),
            [units, one],
            [
                new ProjectionSpec(Recurrent, Units, Units, "in", new AllToAllConnector(), new ConstantValue(0), new ConstantValue(0))
                    { Plasticity = Rule(_o.LearningRateR) },
                new ProjectionSpec(Biases, Bias, Units, "in", new AllToAllConnector(), new ConstantValue(_o.InitialBias), new ConstantValue(0))
                    { Plasticity = Rule(_o.LearningRateB) },
            ],
            [new CurrentInputSpec("always_on", Bias, [0], [1.0])],
            []);
    }

    /// <summary>Runs the network over the training sequences on the CPU; returns the trained model (R, b from the projections).</summary>
    public BgRnnParameters Train()
    {
        var network = Build();
        using (var sim = new Simulator(network, 1)) sim.Run();
        return Collect(network);
    }

    /// <summary>
    /// The network of <see cref="Spec"/>, built, with the matching-pursuit hook set on its units: run it
    /// for <see cref="Steps"/> steps on any backend, then <see cref="Collect"/> the model.
    /// </summary>
    public Network Build()
    {
        var network = Network.Build(Spec());
        network.SetInference(Units, new PursuitHook(this, network.Population(Units).Group.Variable("p")));
        return network;
    }

    /// <summary>After a run of <paramref name="network"/> (from <see cref="Build"/>): R and b from its projections into <see cref="Model"/>, which it returns.</summary>
    public BgRnnParameters Collect(Network network)
    {
        int n = _o.Units;
        // all_to_all rows are by pre (k), each sorted by target (j): synapse k·n + j is R_jk.
        var r = network.Projections.Single(p => p.Spec.Name == Recurrent).Plasticity!.Weights;
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++) Model.R[j * n + k] = r[k * n + j];
        network.Projections.Single(p => p.Spec.Name == Biases).Plasticity!.Weights.CopyTo(Model.B);
        return Model;
    }

    /// <summary>Sets h, x of each step by matching pursuit on its frame and learns W once per sequence.</summary>
    private sealed class PursuitHook : IGatedInference
    {
        private readonly BgRnnNetwork _owner;
        private readonly MatchingPursuit _pursuit;
        private readonly double[] _p, _frames, _gradW, _residual;
        private readonly int _px, _f;

        public PursuitHook(BgRnnNetwork owner, double[] probabilities)
        {
            _owner = owner;
            _pursuit = new MatchingPursuit(owner.Model);
            _p = probabilities;
            _px = owner._source.Pixels;
            _f = owner._source.Frames;
            _frames = new double[_f * _px];
            _gradW = new double[owner.Model.W.Length];
            _residual = new double[_px];
        }

        public void Infer(long step, ReadOnlySpan<double> priorLogits, Span<double> h, Span<double> x)
        {
            // Step 0 is blank; then sequence s occupies steps 1 + s(F + 1) .. s(F + 1) + F, followed by a blank step.
            long local = step - 1;
            int frame = step == 0 ? _f : (int)(local % (_f + 1));
            if (frame == _f)
            {
                h.Clear();
                x.Clear();
                Array.Clear(_p); // h − p = 0: the rule leaves R and b alone in blank steps
                return;
            }
            int sequence = (int)(local / (_f + 1));
            if (frame == 0) _owner._source.Sequence(sequence, _frames);
            var y = _frames.AsSpan(frame * _px, _px);
            _pursuit.Infer(priorLogits, y, h, x);
            var model = _owner.Model;
            // Scaled by τy², as the trainer does: the step is along (y − Wŝ)ŝᵀ.
            BgRnnLearning.AccumulateFeatureGradient(model, y, h, x, _residual, _gradW, model.TauY * model.TauY);
            if (frame == _f - 1 && _owner._o.LearningRateW > 0)
            {
                MatchingPursuit.AddScaled(model.W, _owner._o.LearningRateW / _f, _gradW);
                BgRnnLearning.NormaliseColumns(model, _owner._o.FeatureNorm);
                _pursuit.Refresh();
                Array.Clear(_gradW);
            }
        }
    }
}
