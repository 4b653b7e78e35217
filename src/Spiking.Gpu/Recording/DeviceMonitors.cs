using Spiking.Description;
using Spiking.Engine;

namespace Spiking.Gpu;

/// <summary>The monitors of a spec on the device, by kind, in monitor order.</summary>
internal static class DeviceMonitors
{
    /// <summary>
    /// Makes the device form of each monitor of <paramref name="network"/>'s spec: of spikes, rates and
    /// state on its population in <paramref name="pops"/>; of weights on its projection, with the
    /// projection's device rule in <paramref name="rules"/> when it is plastic.
    /// </summary>
    public static (DeviceSpikeMonitor[] Spikes, DeviceRateMonitor[] Rates, DeviceStateMonitor[] States, DeviceWeightMonitor[] Weights)
        Create(DeviceSession device, Network network, DevicePopulation[] pops, DeviceRule[] rules)
    {
        var spec = network.Spec;
        double dt = network.Dt;
        var sm = new List<DeviceSpikeMonitor>(); var rm = new List<DeviceRateMonitor>(); var stm = new List<DeviceStateMonitor>(); var wm = new List<DeviceWeightMonitor>();
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            var m = spec.Monitors[k];
            if (m is WeightMonitorSpec w)
            {
                var proj = network.Projections.First(p => p.Spec.Name == w.Projection);
                wm.Add(new DeviceWeightMonitor(k, proj, w.Times.Select(t => (long)Math.Round(t / dt)).ToArray(), rules.FirstOrDefault(x => x.Projection.Host == proj)));
                continue;
            }
            var pop = pops[Network.IndexOf(spec, m.Population)];
            bool[]? mask = null;
            if (m.Neurons is { } list)
            {
                mask = new bool[pop.Size];
                foreach (var i in list) mask[i] = true;
            }
            switch (m)
            {
                case SpikeMonitorSpec:
                    sm.Add(new DeviceSpikeMonitor(k, pop, mask));
                    break;
                case RateMonitorSpec r:
                    rm.Add(new DeviceRateMonitor(k, pop, mask, m.Neurons?.Distinct().Count() ?? pop.Size, Math.Max(1, (long)Math.Round(r.Bin / dt))));
                    break;
                case StateMonitorSpec s:
                    stm.Add(new DeviceStateMonitor(device, k, pop, s.Variables.ToArray(), (m.Neurons ?? Enumerable.Range(0, pop.Size).ToArray()).ToArray(),
                        Math.Max(1, (long)Math.Round(s.Interval / dt))));
                    break;
            }
        }
        return (sm.ToArray(), rm.ToArray(), stm.ToArray(), wm.ToArray());
    }
}
