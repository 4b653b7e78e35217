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
        var poisson = new List<DevicePoissonInput>(); var times = new List<DeviceSpikeTimesInput>(); var timedTimes = new List<DeviceTimedSpikeTimesInput>(); var currents = new List<DeviceCurrentInput>(); var noise = new List<DeviceNoiseInput>();
        for (int k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            var target = pops[Network.IndexOf(spec, input.Target)];
            int Receptor(string name) => Enumerable.Range(0, target.Host.Model.Receptors.Count).First(r => target.Host.Model.Receptors[r].Name == name);
            int[]? neurons = input.Neurons?.ToArray();
            switch (input)
            {
                case PoissonInputSpec pi:
                    poisson.Add(new DevicePoissonInput(device, k, target, Receptor(pi.Receptor), pi.Rate * pi.Count * dt * 1e-3, pi.Weight, neurons));
                    break;
                case SpikeTimesInputSpec st when target.Host.TimedSlots is not null:
                    timedTimes.Add(new DeviceTimedSpikeTimesInput(device, k, target, Simulator.TimedSpikeTimes(target.Host, Receptor(st.Receptor), st, dt)));
                    break;
                case SpikeTimesInputSpec st:
                {
                    int shift = target.Host.Model.Receptors[Receptor(st.Receptor)].ActsAtStepEnd ? 1 : 0;
                    var order = Enumerable.Range(0, st.SpikeTimes.Count)
                        .Select(m => (Step: (long)Math.Round(st.SpikeTimes[m] / dt) - shift, Neuron: st.SpikeNeurons[m]))
                        .OrderBy(e => e.Step).ThenBy(e => e.Neuron).ToArray();
                    times.Add(new DeviceSpikeTimesInput(device, target, Receptor(st.Receptor), st.Weight, order.Select(e => e.Step).ToArray(), order.Select(e => e.Neuron).ToArray()));
                    break;
                }
                case NoiseInputSpec ni:
                    noise.Add(new DeviceNoiseInput(device, k, target, ni.Mean, ni.StandardDeviation, neurons));
                    break;
                case CurrentInputSpec ci:
                    currents.Add(new DeviceCurrentInput(target, ci.Times.Select(t => (long)Math.Round(t / dt)).ToArray(), ci.Amplitudes.ToArray(), neurons));
                    break;
                case SeriesInputSpec si:
                {
                    int sk = Enumerable.Range(0, spec.Series.Count).First(s => spec.Series[s].Name == si.Series);
                    var values = Tasks.SeriesGenerators.Generate(spec.Series[sk], seriesSteps, dt, spec.Simulation.Seed, sk)[si.Channel];
                    currents.Add(new DeviceCurrentInput(target, Enumerable.Range(0, values.Length).Select(s => (long)s).ToArray(), values, neurons));
                    break;
                }
            }
        }
        return (poisson.ToArray(), times.ToArray(), timedTimes.ToArray(), currents.ToArray(), noise.ToArray());
    }
}
