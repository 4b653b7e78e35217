using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Build;

/// <summary>
/// Resizes a network for a run at a fraction of its size (<c>spiking run MODEL --scale S</c>): every
/// population gets round(S·N) neurons (at least 1) and every connector keeps each neuron's mean
/// in-degree, as the Potjans &amp; Diesmann microcircuit's reduced-scale runs do with in-degrees kept
/// (NEST's example with K_scaling = 1): the input statistics of a neuron stay those of the full
/// network, so no weight or DC compensation is needed. Connectors whose in-degree cannot be kept are
/// refused with a message.
/// </summary>
public static class NetworkScaling
{
    /// <summary>
    /// The spec at scale <paramref name="scale"/> (0 &lt; scale; above 1 grows the network). Throws
    /// <see cref="SpecException"/> naming each element that cannot be scaled.
    /// </summary>
    public static NetworkSpec Scale(NetworkSpec spec, double scale)
    {
        var errors = new List<ValidationError>();
        void Err(string at, string message) => errors.Add(new ValidationError(at, message));
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new SpecException([new ValidationError("--scale", $"must be a positive number (got {scale})")]);

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pops = new List<PopulationSpec>();
        for (int k = 0; k < spec.Populations.Count; k++)
        {
            var p = spec.Populations[k];
            double scaled = Math.Round((double)p.Size * scale);
            if (scaled > int.MaxValue)
                Err($"populations[{k}].size", $"population '{p.Name}' of {p.Size} neurons times {scale} is {scaled:0.##e0} neurons; a population holds at most {int.MaxValue}");
            int n = (int)Math.Clamp(scaled, 1, int.MaxValue);
            sizes[p.Name] = n;
            if (p.Layout is not null || p.Column is not null)
                Err($"populations[{k}].layout", $"population '{p.Name}' has a spatial layout, which --scale cannot resize");
            if (p.SpikeTimes is not null)
                Err($"populations[{k}].spike_times", $"population '{p.Name}' lists spike times per neuron, which --scale cannot resize");
            pops.Add(p with { Size = n });
        }
        int SizeOf(string name) => sizes.TryGetValue(name, out var n) ? n : 0;
        int FullSizeOf(string name) => spec.Populations.FirstOrDefault(p => p.Name == name)?.Size ?? 0;

        var projs = new List<ProjectionSpec>();
        for (int k = 0; k < spec.Projections.Count; k++)
        {
            var pr = spec.Projections[k];
            string at = $"projections[{k}].connector";
            double preRatio = FullSizeOf(pr.Pre) == 0 ? 1 : SizeOf(pr.Pre) / (double)FullSizeOf(pr.Pre);
            double postRatio = FullSizeOf(pr.Post) == 0 ? 1 : SizeOf(pr.Post) / (double)FullSizeOf(pr.Post);
            // Each kind says how it keeps the in-degree (or refuses); see Scale in Connectors/<Kind>.cs.
            var scaling = new ConnectorScaling(pr, scale, SizeOf(pr.Pre), SizeOf(pr.Post), preRatio, postRatio, message => Err(at, message));
            ConnectorSpec? c = ConnectorRegistry.TryGet(pr.Connector, out var kind)
                ? kind.Scale(pr.Connector, scaling)
                : scaling.CannotScale();
            projs.Add(c is null ? pr : pr with { Connector = c });
        }

        for (int k = 0; k < spec.Inputs.Count; k++)
        {
            var input = spec.Inputs[k];
            int n = SizeOf(input.Target);
            if (input.Neurons is { } list && list.Any(i => i >= n))
                Err($"inputs[{k}].neurons", $"input '{input.Name}' lists neuron {list.Max()}, outside population '{input.Target}' of {n} neurons at scale {scale}");
            if (input is SpikeTimesInputSpec st && st.SpikeNeurons.Any(i => i >= n))
                Err($"inputs[{k}].neurons", $"input '{input.Name}' sends spikes to neuron {st.SpikeNeurons.Max()}, outside population '{input.Target}' of {n} neurons at scale {scale}");
        }
        for (int k = 0; k < spec.Monitors.Count; k++)
        {
            var m = spec.Monitors[k];
            if (m is WeightMonitorSpec || m.Neurons is not { } list) continue;
            int n = SizeOf(m.Population);
            if (list.Any(i => i >= n))
                Err($"monitors[{k}].neurons", $"the monitor of '{m.Population}' records neuron {list.Max()}, outside its {n} neurons at scale {scale}");
        }
        if (errors.Count > 0) throw new SpecException(errors);
        return spec with { Populations = pops, Projections = projs, Scale = spec.Scale * scale };
    }
}
