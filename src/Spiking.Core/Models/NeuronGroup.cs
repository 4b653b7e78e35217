namespace Spiking.Models;

/// <summary>
/// State of one population, stored as structure of arrays (one double[] per variable), and the
/// per-step update over a range of neurons. Subclasses are sealed and their loops call static,
/// allocation-free per-neuron math so that other backends can share it.
/// </summary>
public abstract class NeuronGroup
{
    private readonly Dictionary<string, double[]> _variables = new(StringComparer.Ordinal);

    /// <summary>Creates the arrays of a population.</summary>
    protected NeuronGroup(INeuronModel model, int size)
    {
        Model = model;
        Size = size;
        foreach (var v in model.Variables)
        {
            var a = new double[size];
            Array.Fill(a, v.Default);
            _variables[v.Name] = a;
        }
        ReceptorInput = new double[model.Receptors.Count][];
        for (int r = 0; r < ReceptorInput.Length; r++) ReceptorInput[r] = new double[size];
        ExternalCurrent = new double[size];
        RefractoryLeft = new int[size];
    }

    /// <summary>The model this population runs.</summary>
    public INeuronModel Model { get; }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>
    /// Per receptor, the summed weight arriving at the start of the current step, or null when
    /// nothing arrives that way (see <see cref="DirectInput"/>). The engine adds into it;
    /// <see cref="Update"/> applies and clears it.
    /// </summary>
    public double[]?[] ReceptorInput { get; }

    /// <summary>
    /// The state array that receptor <paramref name="receptor"/> adds its weights into, when a jump
    /// arriving at the start of a step is a plain addition to it (I_ex of lif_cuba, g_ex of lif_coba).
    /// The engine then delivers undelayed input straight into it and sets
    /// <see cref="ReceptorInput"/>[receptor] to null. Null (the default) when the model needs the input
    /// separately.
    /// </summary>
    public virtual double[]? DirectInput(int receptor) => null;

    /// <summary>Whether any current input targets this population; when false, <see cref="ExternalCurrent"/> is all zero and need not be read.</summary>
    public bool HasExternalCurrent { get; set; }

    /// <summary>External membrane current per neuron for the current step (nA), set by current inputs.</summary>
    public double[] ExternalCurrent { get; }

    /// <summary>
    /// For a population with precise spike times whose model takes input at offsets inside the step
    /// (<see cref="INeuronModel.SupportsTimedInput"/>): this step's synaptic events per neuron, in time
    /// order, set by the engine. Null otherwise.
    /// </summary>
    public TimedInputs? TimedInput { get; internal set; }

    /// <summary>Remaining refractory steps per neuron (0 when not refractory).</summary>
    public int[] RefractoryLeft { get; }

    /// <summary>Every state variable's array, in no particular order.</summary>
    internal IEnumerable<double[]> StateArrays => _variables.Values;

    /// <summary>The array of a state variable, for initialisation and monitors.</summary>
    public double[] Variable(string name) => _variables.TryGetValue(name, out var a)
        ? a
        : throw new ArgumentException($"model '{Model.Name}' has no state variable '{name}'", nameof(name));

    /// <summary>
    /// The graded output of rate units (one value per unit, updated by <see cref="Update"/>), which the
    /// engine propagates every step as weight × value along the same synapse rows that carry spikes;
    /// null for spiking models, whose output is the spike list. This is what makes rate networks
    /// (echo state networks, FORCE) a degenerate mode of the spiking kernel: same populations,
    /// connectors, tables, propagation and monitors.
    /// </summary>
    public virtual double[]? Output => null;

    /// <summary>
    /// Tells a stochastic model the run's seed and its population index, so that it can draw from its
    /// own streams (<see cref="Random.StreamKind.ModelNoise"/>, population, neuron). Called once at build.
    /// </summary>
    public virtual void SetRandomStreams(ulong seed, int population)
    {
    }

    /// <summary>
    /// Called after initial values were drawn, with the names of the variables given, so a model can
    /// derive the others (Izhikevich: u = b·v unless u is given).
    /// </summary>
    public virtual void OnInitialised(IReadOnlySet<string> given)
    {
    }

    /// <summary>
    /// Advances neurons [start, end) by one step. Indices of neurons that fire are written, in
    /// ascending order, to <paramref name="spikes"/> from position 0; with precise spike times the
    /// offset of each spike inside the step (ms, in [0, dt]) goes to <paramref name="offsets"/>.
    /// Returns the number of spikes.
    /// </summary>
    public abstract int Update(int start, int end, Span<int> spikes, Span<double> offsets);
}
