using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>The inputs of a spec on the device, one object per input, by kind, in input order.</summary>
internal static class DeviceInputs
{
    /// <summary>
    /// Makes the device form of each input of <paramref name="network"/>'s spec onto its population in
    /// <paramref name="pops"/>: spike-time inputs onto precise populations as timed tables, series as
    /// piecewise-constant currents of <paramref name="seriesSteps"/> steps.
    /// </summary>
    public static (DevicePoissonInput[] Poisson, DeviceSpikeTimesInput[] Times, DeviceTimedSpikeTimesInput[] TimedTimes, DeviceCurrentInput[] Currents, DeviceNoiseInput[] Noise)
        Create(DeviceSession device, Network network, DevicePopulation[] pops, long seriesSteps)
    {
        var spec = network.Spec;
        double dt = network.Dt;
        // Series for series inputs: one value per step of the spec's duration, as the CPU engine makes them.
        var series = new Dictionary<string, IReadOnlyDictionary<string, double[]>>(StringComparer.Ordinal);
        for (int sk = 0; sk < spec.Series.Count; sk++)
            if (spec.Inputs.Any(i => i is SeriesInputSpec si && si.Series == spec.Series[sk].Name))
                series[spec.Series[sk].Name] = Tasks.SeriesGenerators.Generate(spec.Series[sk], seriesSteps, dt, spec.Simulation.Seed, sk);
        var plan = Runtime.InputPlan.Create(network, series);
        var poisson = plan.Poisson.Select(pi => new DevicePoissonInput(device, pi.Index, pops[pi.Population], pi.Receptor, pi.LambdaPerStep(dt), pi.Weight, pi.Neurons)).ToList();
        var times = new List<DeviceSpikeTimesInput>(); var timedTimes = new List<DeviceTimedSpikeTimesInput>();
        foreach (var st in plan.SpikeTrains)
        {
            var target = pops[st.Population];
            if (target.Host.TimedSlots is not null)
            {
                timedTimes.Add(new DeviceTimedSpikeTimesInput(device, st.Index, target, Simulator.SpikeTimes(target.Host, st, dt)));
                continue;
            }
            var (steps, neurons) = st.GridEvents(dt, target.Host.Model.Receptors[st.Receptor].ActsAtStepEnd);
            times.Add(new DeviceSpikeTimesInput(device, target, st.Receptor, st.Weight, steps, neurons));
        }
        var currents = plan.Currents.Select(c => new DeviceCurrentInput(pops[c.Population], c.Steps, c.Amplitudes, c.Neurons)).ToList();
        var noise = plan.Noise.Select(z => new DeviceNoiseInput(device, z.Index, pops[z.Population], z.Mean, z.StandardDeviation, z.Neurons)).ToList();
        return (poisson.ToArray(), times.ToArray(), timedTimes.ToArray(), currents.ToArray(), noise.ToArray());
    }
}
