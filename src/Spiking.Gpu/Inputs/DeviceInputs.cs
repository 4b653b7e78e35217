using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>The inputs of a spec on the device, one object per input, by kind, in input order.</summary>
internal static class DeviceInputs
{
    /// <summary>
    /// Makes the device form of each input of <paramref name="plan"/> onto its population in
    /// <paramref name="pops"/>: spike-time inputs onto precise populations as timed tables.
    /// </summary>
    public static (DevicePoissonInput[] Poisson, DeviceSpikeTimesInput[] Times, DeviceTimedSpikeTimesInput[] TimedTimes, DeviceCurrentInput[] Currents, DeviceNoiseInput[] Noise)
        Create(DeviceSession device, Inputs.InputPlan plan, double dt, DevicePopulation[] pops)
    {
        var poisson = plan.Poisson.Select(pi => new DevicePoissonInput(device, pi.Index, pops[pi.Population], pi.Receptor, pi.LambdaPerStep(dt), pi.Weight, pi.Neurons)).ToList();
        var times = new List<DeviceSpikeTimesInput>(); var timedTimes = new List<DeviceTimedSpikeTimesInput>();
        foreach (var st in plan.SpikeTrains)
        {
            var target = pops[st.Population];
            if (target.Host.TimedSlots is not null)
            {
                timedTimes.Add(new DeviceTimedSpikeTimesInput(device, st.Index, target, st.Runtime(target.Host, dt)));
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
