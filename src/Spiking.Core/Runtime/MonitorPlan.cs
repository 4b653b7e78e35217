using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Runtime;

/// <summary>
/// The monitors of a spec resolved once for every engine, in simulated time (ms): the only place that
/// switches over monitor kinds. The engines on the time grid run them through <see cref="GridMonitors"/>;
/// the event-driven engine samples the same plans at their exact times.
/// </summary>
public sealed class MonitorPlan
{
    /// <summary>Spike monitors, in monitor order.</summary>
    public IReadOnlyList<SpikeMonitorPlan> Spikes { get; }

    /// <summary>State monitors, in monitor order.</summary>
    public IReadOnlyList<StateMonitorPlan> States { get; }

    /// <summary>Rate monitors, in monitor order.</summary>
    public IReadOnlyList<RateMonitorPlan> Rates { get; }

    /// <summary>Weight monitors, in monitor order.</summary>
    public IReadOnlyList<WeightMonitorPlan> Weights { get; }

    /// <summary>Resolves the monitors of <paramref name="network"/>'s spec.</summary>
    public MonitorPlan(Network network)
    {
        var spec = network.Spec;
        var spikes = new List<SpikeMonitorPlan>(); var states = new List<StateMonitorPlan>();
        var rates = new List<RateMonitorPlan>(); var weights = new List<WeightMonitorPlan>();
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            var m = spec.Monitors[k];
            if (m is WeightMonitorSpec w)
            {
                weights.Add(new WeightMonitorPlan(k, network.Projections.First(p => p.Spec.Name == w.Projection), w.Times.ToArray()));
                continue;
            }
            var pop = network.Population(m.Population);
            switch (m)
            {
                case SpikeMonitorSpec:
                    spikes.Add(new SpikeMonitorPlan(k, pop, MonitorMask.Of(m, pop.Size)));
                    break;
                case StateMonitorSpec s:
                    states.Add(new StateMonitorPlan(k, pop, s.Variables.ToArray(), (m.Neurons ?? Enumerable.Range(0, pop.Size).ToArray()).ToArray(), s.Interval));
                    break;
                case RateMonitorSpec r:
                    rates.Add(new RateMonitorPlan(k, pop, MonitorMask.Of(m, pop.Size), m.Neurons?.Distinct().Count() ?? pop.Size, r.Bin));
                    break;
                default:
                    throw new NotSupportedException($"monitor {k}: no engine runs monitors of kind {m.GetType().Name}");
            }
        }
        (Spikes, States, Rates, Weights) = (spikes.ToArray(), states.ToArray(), rates.ToArray(), weights.ToArray());
    }
}

/// <summary>A spike monitor: its position in the spec, population, and the neurons recorded (null: all).</summary>
public sealed record SpikeMonitorPlan(int Index, PopulationState Population, bool[]? Mask);

/// <summary>A state monitor: its position in the spec, population, variables, neurons and sampling interval (ms).</summary>
public sealed record StateMonitorPlan(int Index, PopulationState Population, string[] Variables, int[] Neurons, double Interval)
{
    /// <summary>The interval in whole steps of <paramref name="dt"/> (at least one).</summary>
    public long IntervalSteps(double dt) => Math.Max(1, (long)Math.Round(Interval / dt));
}

/// <summary>A rate monitor: its position in the spec, population, neurons counted (null: all), how many, and the bin (ms).</summary>
public sealed record RateMonitorPlan(int Index, PopulationState Population, bool[]? Mask, int Monitored, double Bin)
{
    /// <summary>The bin in whole steps of <paramref name="dt"/> (at least one).</summary>
    public long BinSteps(double dt) => Math.Max(1, (long)Math.Round(Bin / dt));
}

/// <summary>A weight monitor: its position in the spec, projection, and the times of its snapshots (ms, as given).</summary>
public sealed record WeightMonitorPlan(int Index, ProjectionState Projection, double[] Times)
{
    /// <summary>The snapshot times as steps of <paramref name="dt"/>.</summary>
    public long[] Steps(double dt) => Times.Select(t => (long)Math.Round(t / dt)).ToArray();
}
