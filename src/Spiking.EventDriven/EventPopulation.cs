using Spiking.Engine;
using Spiking.Models;

namespace Spiking.EventDriven;

/// <summary>
/// The event-mode state of one population and its analytic advance between events. The kernel calls
/// it once per delivered row (<see cref="ReceiveRow"/>) or single input, never per neuron through a
/// virtual call inside a row. Each neuron keeps the time its state refers to (lazy update: a neuron
/// is only brought forward when something happens to it) and the end of its refractory period; its
/// next predicted threshold crossing lives in the shared <see cref="CrossingQueue"/>, moved whenever
/// its trajectory changes.
/// </summary>
internal abstract class EventPopulation
{
    protected readonly EventQueue Queue;
    protected readonly double[] Last;        // time (ms) the stored state refers to
    protected readonly double[] RefractoryUntil;
    protected readonly CrossingQueue Crossings;
    /// <summary>Id of neuron 0 of this population in <see cref="Crossings"/>.</summary>
    public int BaseId { get; }
    protected readonly double[] Drive;       // v∞ = E_L + R_m·I_ext (mV): where v relaxes to without synaptic input

    protected EventPopulation(PopulationState population, EventQueue queue, CrossingQueue crossings, int baseId)
    {
        Population = population;
        Index = population.Index;
        Queue = queue;
        int n = population.Size;
        Last = new double[n];
        RefractoryUntil = new double[n];
        Array.Fill(RefractoryUntil, double.NegativeInfinity);
        Crossings = crossings;
        BaseId = baseId;
        Drive = new double[n];
    }

    public PopulationState Population { get; }
    public int Index { get; }
    public int Size => Population.Size;

    /// <summary>Creates the event-mode state of a population whose model supports it.</summary>
    public static EventPopulation Create(PopulationState p, EventQueue queue, CrossingQueue crossings, int baseId) => p.Model switch
    {
        LifDeltaModel => new LifDeltaEventPopulation(p, queue, crossings, baseId),
        LifCubaModel => new LifCubaEventPopulation(p, queue, crossings, baseId),
        _ => throw new NotSupportedException($"model '{p.Model.Name}' of population '{p.Spec.Name}' cannot run in event mode; run it time-stepped"),
    };

    /// <summary>Queues the first threshold crossings (neurons driven above threshold from the start).</summary>
    public abstract void Start(double t);

    /// <summary>A jump of weight <paramref name="w"/> into receptor <paramref name="receptor"/> of neuron i at time t.</summary>
    public abstract void Receive(int i, int receptor, double w, double t);

    /// <summary>A synapse row arriving at time t: one call per row, the loop inside the sealed subclass.</summary>
    public abstract void ReceiveRow(double t, int receptor, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights);

    /// <summary>Adds <paramref name="deltaNa"/> (nA) to the injected current of neuron i from time t on.</summary>
    public abstract void ChangeCurrent(int i, double deltaNa, double t);

    /// <summary>A <see cref="EventKind.ThresholdCheck"/> or the predicted crossing (from <see cref="CrossingQueue"/>) at t; true if neuron i fired (it is then reset).</summary>
    public abstract bool OnThreshold(int i, double t, bool predicted);

    /// <summary>Index of a state variable for <see cref="StateAt"/>, by name.</summary>
    public abstract int VariableIndex(string name);

    /// <summary>The analytic value of a state variable of neuron i at time t ≥ its last event, without changing the state.</summary>
    public abstract double StateAt(int variable, int i, double t);

    /// <summary>Writes the state at time t into the population's <see cref="NeuronGroup"/> arrays (end of a run).</summary>
    public abstract void WriteBack(double t);
}
