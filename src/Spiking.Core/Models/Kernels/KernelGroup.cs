namespace Spiking.Models;

/// <summary>
/// The time-stepped CPU loop over any <see cref="INeuronKernel"/>: loads a neuron's state and input,
/// calls the kernel, stores the state and clears the input, neuron by neuron. The device engine's
/// generic update does the same with the same kernel, so a model written as a kernel runs identically
/// on both without any code of its own in either.
/// </summary>
/// <remarks>
/// What a model may declare beyond its kernel, all optional: the state variable that is a rate unit's
/// graded output (<see cref="NeuronGroup.Output"/>), and per receptor the state variable it feeds
/// directly (<see cref="NeuronGroup.DirectInput"/>: the engine then adds undelayed weights straight into
/// it and the kernel sees no input array there). A model that needs more (derived initial values, a
/// hand-vectorised CPU path) derives from this class; a vectorised path must give the bits of
/// <see cref="Update"/>, which stays the reference.
/// </remarks>
/// <typeparam name="TKernel">The model's kernel struct (specialised by the JIT: no virtual call per neuron).</typeparam>
public class KernelGroup<TKernel> : NeuronGroup, IKernelGroup where TKernel : struct, INeuronKernel
{
    private readonly TKernel _kernel;
    private readonly double[] _x0, _x1, _x2, _x3;
    private readonly int _variables;
    private readonly double[]? _output;
    private readonly double[]?[] _direct;

    /// <summary>
    /// Creates the state of <paramref name="size"/> neurons of <paramref name="model"/> (at most four state
    /// variables, two receptors). <paramref name="output"/> names the state variable that is the units'
    /// graded output (rate units; null for spiking models); <paramref name="direct"/> names, per receptor,
    /// the state variable its weights add into directly (null entries, or null, for none).
    /// </summary>
    public KernelGroup(INeuronModel model, int size, TKernel kernel, string? output = null, IReadOnlyList<string?>? direct = null) : base(model, size)
    {
        if (model.Variables.Count > 4) throw new ArgumentException($"model '{model.Name}': a kernel holds at most four state variables", nameof(model));
        if (model.Receptors.Count > 2) throw new ArgumentException($"model '{model.Name}': a kernel takes at most two receptors", nameof(model));
        _kernel = kernel;
        _variables = model.Variables.Count;
        double[] V(int k) => k < _variables ? Variable(model.Variables[k].Name) : [];
        _x0 = V(0); _x1 = V(1); _x2 = V(2); _x3 = V(3);
        _output = output is null ? null : Variable(output);
        _direct = new double[]?[model.Receptors.Count];
        for (int r = 0; r < _direct.Length; r++)
            if (direct is not null && r < direct.Count && direct[r] is { } name) _direct[r] = Variable(name);
    }

    /// <summary>The kernel struct with its per-dt constants.</summary>
    public TKernel Kernel => _kernel;

    /// <inheritdoc/>
    public TResult Accept<TResult>(IKernelVisitor<TResult> visitor) => visitor.Visit(_kernel);

    /// <inheritdoc/>
    public override double[]? Output => _output;

    /// <inheritdoc/>
    public override double[]? DirectInput(int receptor) => _direct[receptor];

    /// <inheritdoc/>
    public override int Update(int start, int end, Span<int> spikes, Span<double> offsets)
    {
        var in0 = ReceptorInput.Length > 0 ? ReceptorInput[0] : null;
        var in1 = ReceptorInput.Length > 1 ? ReceptorInput[1] : null;
        var current = HasExternalCurrent ? ExternalCurrent : null;
        var refr = RefractoryLeft;
        int n = _variables, count = 0;
        for (int i = start; i < end; i++)
        {
            var x = new NeuronState { X0 = _x0[i], Refractory = refr[i] };
            if (n > 1) x.X1 = _x1[i];
            if (n > 2) x.X2 = _x2[i];
            if (n > 3) x.X3 = _x3[i];
            var input = new NeuronInput();
            if (in0 is not null) { input.Receptor0 = in0[i]; in0[i] = 0; input.HasReceptor0 = true; }
            if (in1 is not null) { input.Receptor1 = in1[i]; in1[i] = 0; input.HasReceptor1 = true; }
            if (current is not null) { input.Current = current[i]; input.HasCurrent = true; }
            if (_kernel.Step(ref x, input)) spikes[count++] = i;
            _x0[i] = x.X0; refr[i] = x.Refractory;
            if (n > 1) _x1[i] = x.X1;
            if (n > 2) _x2[i] = x.X2;
            if (n > 3) _x3[i] = x.X3;
        }
        return count;
    }
}
