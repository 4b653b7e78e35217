using Spiking.Engine;

namespace Spiking.Runtime;

/// <summary>
/// A step's spikes as an engine holds them, for <see cref="GridMonitors"/>: per population, the ids of
/// the neurons that fired in ascending order and, for populations with precise spike times, each
/// spike's offset inside the step (empty otherwise).
/// </summary>
internal interface IStepSpikes
{
    /// <summary>Ids of the neurons of <paramref name="population"/> that fired in the step.</summary>
    ReadOnlySpan<int> Spikes(int population);

    /// <summary>Their offsets inside the step (ms), parallel to <see cref="Spikes"/>; empty when spikes are stamped at the step's end.</summary>
    ReadOnlySpan<double> Offsets(int population);
}

/// <summary>
/// The monitors of a spec for the engines on the time grid (the CPU's and the device's). Spike and rate monitors are run here for both engines, from each
/// step's spikes (the device replays its blocks step by step through the same calls), so what a recorder
/// receives is written once; state and weight monitors are resolved into plans that each engine samples
/// from its own storage (host arrays, or buffers gathered on the device).
/// </summary>
internal sealed class GridMonitors
{
    private readonly double _dt;
    private readonly SpikeMonitorRuntime[] _spikes;
    private readonly RateMonitorRuntime[] _rates;

    /// <summary>Resolves the monitors of <paramref name="network"/>'s spec (<see cref="MonitorPlan"/>) on its time grid.</summary>
    public GridMonitors(Network network)
    {
        _dt = network.Dt;
        var plan = new MonitorPlan(network);
        _spikes = plan.Spikes.Select(m => new SpikeMonitorRuntime(m.Index, m.Population, m.Mask)).ToArray();
        _rates = plan.Rates.Select(m => new RateMonitorRuntime(m.Index, m.Population, m.Mask, m.Monitored, m.BinSteps(_dt))).ToArray();
        States = plan.States;
        Weights = plan.Weights;
    }

    /// <summary>State monitors, in monitor order.</summary>
    public IReadOnlyList<StateMonitorPlan> States { get; }

    /// <summary>Weight monitors, in monitor order.</summary>
    public IReadOnlyList<WeightMonitorPlan> Weights { get; }

    /// <summary>Starts the rate bins of a run at step <paramref name="first"/>.</summary>
    public void BeginRun(long first)
    {
        foreach (var r in _rates) { r.Count = 0; r.BinStart = first; }
    }

    /// <summary>
    /// Step <paramref name="n"/>'s spikes: to the spike monitors (stamped at the step's end, or at their
    /// offsets), then counted into the rate monitors, whose bins are flushed when full.
    /// </summary>
    public void RecordStep<TSpikes>(long n, in TSpikes step, IRecorder? recorder) where TSpikes : IStepSpikes
    {
        if (recorder is not null)
            foreach (var m in _spikes) RecordSpikes(m, n, step.Spikes(m.Population.Index), step.Offsets(m.Population.Index), recorder);
        long stepNow = n + 1;
        foreach (var r in _rates)
        {
            var spikes = step.Spikes(r.Population.Index);
            if (r.Mask is null) r.Count += spikes.Length;
            else foreach (var i in spikes) if (r.Mask[i]) r.Count++;
            if (stepNow - r.BinStart >= r.BinSteps) FlushRate(r, stepNow, recorder);
        }
    }

    /// <summary>Closes the rate bins left partly filled when a run ends at <paramref name="step"/>, so the whole run is covered.</summary>
    public void EndRun(long step, IRecorder? recorder)
    {
        foreach (var r in _rates)
            if (step > r.BinStart) FlushRate(r, step, recorder);
    }

    private void RecordSpikes(SpikeMonitorRuntime m, long n, ReadOnlySpan<int> spikes, ReadOnlySpan<double> offsets, IRecorder recorder)
    {
        if (spikes.Length == 0) return;
        double stepStart = n * _dt, stepEnd = (n + 1) * _dt;
        bool precise = offsets.Length > 0;
        int c = 0;
        for (int k = 0; k < spikes.Length; k++)
        {
            int i = spikes[k];
            if (m.Mask is not null && !m.Mask[i]) continue;
            m.Ids[c] = i;
            m.Times[c] = precise ? stepStart + offsets[k] : stepEnd;
            c++;
        }
        if (c > 0) recorder.RecordSpikes(m.Index, m.Times.AsSpan(0, c), m.Ids.AsSpan(0, c));
    }

    private void FlushRate(RateMonitorRuntime r, long stepNow, IRecorder? recorder)
    {
        double binMs = (stepNow - r.BinStart) * _dt;
        double rate = r.Monitored > 0 ? r.Count / (r.Monitored * binMs * 1e-3) : 0;
        recorder?.RecordRate(r.Index, r.BinStart * _dt, rate);
        r.Count = 0;
        r.BinStart = stepNow;
    }
}
