using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Inputs;

/// <summary>
/// Spike times into one receptor of given neurons (NEST's spike_generator), with the three orders the
/// engines consume them in: on the grid, as timed events inside steps, and as exact times.
/// </summary>
public sealed record SpikeTrainInput(int Index, int Population, int Receptor, SpikeTimesInputSpec Spec)
{
    /// <summary>Weight of each spike.</summary>
    public double Weight => Spec.Weight;

    /// <summary>
    /// On the grid: the step whose input slot each spike lands in (t/dt rounded; one step earlier onto
    /// a receptor that acts at the step's end, so that it acts at t), sorted by step, then neuron.
    /// </summary>
    public (long[] Steps, int[] Neurons) GridEvents(double dt, bool actsAtStepEnd)
    {
        int shift = actsAtStepEnd ? 1 : 0;
        var order = Enumerable.Range(0, Spec.SpikeTimes.Count)
            .Select(m => (Step: (long)Math.Round(Spec.SpikeTimes[m] / dt) - shift, Neuron: Spec.SpikeNeurons[m]))
            .OrderBy(e => e.Step).ThenBy(e => e.Neuron).ToArray();
        return (order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray());
    }

    /// <summary>
    /// Onto a population with timed input: a time t lands in the step n with t ∈ (n·dt, (n + 1)·dt] at
    /// offset t − n·dt. A time within 10⁻⁹ steps of the grid is taken as on it (offset exactly dt), so that
    /// inputs meant to coincide do, whatever the rounding of t/dt. Sorted by step, offset, then neuron.
    /// </summary>
    public (long[] Steps, int[] Neurons, double[] Offsets) TimedEvents(double dt)
    {
        var events = new (long Step, double Offset, int Neuron, double Time)[Spec.SpikeTimes.Count];
        for (int m = 0; m < events.Length; m++)
        {
            double t = Spec.SpikeTimes[m], x = t / dt;
            long k = (long)Math.Round(x);
            (long step, double offset) = Math.Abs(x - k) <= 1e-9 * Math.Max(1, Math.Abs(x))
                ? (k - 1, dt)
                : ((long)Math.Floor(x), t - Math.Floor(x) * dt);
            if (step < 0) (step, offset) = (0, 0); // t = 0 onto a model with timed input: at the first step's start, as on the grid
            events[m] = (step, offset, Spec.SpikeNeurons[m], t);
        }
        var order = events.OrderBy(e => e.Step).ThenBy(e => e.Offset).ThenBy(e => e.Neuron).ToArray();
        return (order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray(), order.Select(e => e.Offset).ToArray());
    }

    /// <summary>For the event-driven engine: the exact times, sorted by time, then neuron.</summary>
    public (double[] Times, int[] Neurons) ExactEvents()
    {
        var order = Enumerable.Range(0, Spec.SpikeTimes.Count).OrderBy(m => Spec.SpikeTimes[m]).ThenBy(m => Spec.SpikeNeurons[m]).ToArray();
        return (order.Select(m => Spec.SpikeTimes[m]).ToArray(), order.Select(m => Spec.SpikeNeurons[m]).ToArray());
    }

    /// <summary>
    /// This input as the time-stepped engines (CPU and device) consume it: onto a population with timed
    /// input, events with their offsets inside the step; otherwise the grid steps of the spikes.
    /// </summary>
    internal SpikeTimesRuntime Runtime(PopulationState target, double dt)
    {
        if (target.TimedSlots is not null)
        {
            var (steps, neurons, offsets) = TimedEvents(dt);
            return new SpikeTimesRuntime(target, Receptor, Weight, steps, neurons, offsets);
        }
        var (gridSteps, gridNeurons) = GridEvents(dt, target.Model.Receptors[Receptor].ActsAtStepEnd);
        return new SpikeTimesRuntime(target, Receptor, Weight, gridSteps, gridNeurons);
    }
}
