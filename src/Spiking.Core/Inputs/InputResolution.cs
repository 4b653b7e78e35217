using Spiking.Runtime;

namespace Spiking.Inputs;

/// <summary>
/// What <see cref="IInputKind.Resolve"/> is given: the input's index and target by index, the step,
/// the series an engine generated, and the lists of drives it adds to. Every engine runs these drives,
/// so a kind that is expressible as Poisson drives, spike trains, current steps or noise needs no
/// engine code. Drives take the input's <see cref="Index"/>, which keys their random streams.
/// </summary>
public sealed class InputResolution
{
    private readonly Engine.PopulationState _target;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>>? _series;
    private readonly List<PoissonDrive> _poisson;
    private readonly List<SpikeTrainInput> _trains;
    private readonly List<CurrentSteps> _currents;
    private readonly List<NoiseDrive> _noise;

    internal InputResolution(int index, Engine.PopulationState target, double dt, double duration, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>>? series,
        List<PoissonDrive> poisson, List<SpikeTrainInput> trains, List<CurrentSteps> currents, List<NoiseDrive> noise)
    {
        Index = index; _target = target; Dt = dt; Duration = duration; _series = series;
        (_poisson, _trains, _currents, _noise) = (poisson, trains, currents, noise);
    }

    /// <summary>The input's index in the spec.</summary>
    public int Index { get; }

    /// <summary>The index of the population it drives.</summary>
    public int Population => _target.Index;

    /// <summary>The simulation step (ms).</summary>
    public double Dt { get; }

    /// <summary>The spec's duration (ms): a current given per step needs values up to step round(duration / dt), as series have; the last one holds after.</summary>
    public double Duration { get; }

    /// <summary>
    /// The series the engine generated (series name → channel → one value per step); null for an
    /// engine that generates none (event mode, which refuses such inputs when the spec is checked).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>>? Series => _series;

    /// <summary>The index of receptor <paramref name="name"/> of the target's model (checked to exist).</summary>
    public int Receptor(string name) => Enumerable.Range(0, _target.Model.Receptors.Count).First(r => _target.Model.Receptors[r].Name == name);

    /// <summary>Adds Poisson trains onto a receptor.</summary>
    public void Add(PoissonDrive drive) => _poisson.Add(drive);

    /// <summary>Adds spike times onto a receptor.</summary>
    public void Add(SpikeTrainInput train) => _trains.Add(train);

    /// <summary>Adds a piecewise-constant current into the membrane.</summary>
    public void Add(CurrentSteps current) => _currents.Add(current);

    /// <summary>Adds a Gaussian noise current into the membrane.</summary>
    public void Add(NoiseDrive noise) => _noise.Add(noise);
}
