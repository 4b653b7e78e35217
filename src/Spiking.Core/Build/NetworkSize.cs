using System.Globalization;
using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Build;

/// <summary>
/// How much memory a network will take, told from its description alone (sizes and connector records,
/// <see cref="IConnectorKind.ExpectedSynapses"/>), so that one that cannot fit is refused with the
/// estimate before anything is allocated, rather than failing (or swapping the machine to a halt) partway
/// through the build.
/// </summary>
/// <remarks>
/// The estimate is a lower bound: a synapse takes at least its target (int32), weight (float32) and
/// delay (uint16), 10 bytes (DESIGN.md, "Build"), and a neuron at least 16 bytes of state. Plasticity,
/// monitors and the build's own scratch come on top, so a network refused here could never have run.
/// </remarks>
public static class NetworkSize
{
    /// <summary>Bytes a synapse takes at the least: target int32, weight float32, delay uint16.</summary>
    public const double BytesPerSynapse = 10;

    /// <summary>Bytes a neuron takes at the least (membrane potential, one input and two more state variables, float32).</summary>
    public const double BytesPerNeuron = 16;

    /// <summary>The most synapses one projection can hold: its arrays are indexed by int (<see cref="Array.MaxLength"/>).</summary>
    public static long MaxSynapsesPerProjection => Array.MaxLength;

    /// <summary>The expected synapse count of each projection (null where its connector cannot tell), in the spec's order.</summary>
    public static double?[] ExpectedSynapses(NetworkSpec spec)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in spec.Populations) sizes.TryAdd(p.Name, p.Size);
        return spec.Projections.Select(pr =>
            sizes.TryGetValue(pr.Pre, out long pre) && sizes.TryGetValue(pr.Post, out long post) && ConnectorRegistry.TryGet(pr.Connector, out var kind)
                ? kind.ExpectedSynapses(pr.Connector, pre, post)
                : null).ToArray();
    }

    /// <summary>The least number of bytes the network's neurons and synapses take.</summary>
    public static double EstimateBytes(NetworkSpec spec)
        => spec.Populations.Sum(p => (double)p.Size) * BytesPerNeuron + ExpectedSynapses(spec).Sum(s => s ?? 0) * BytesPerSynapse;

    /// <summary>
    /// The problems of a network that no machine can build: a projection past
    /// <see cref="MaxSynapsesPerProjection"/> (part of <see cref="NetworkValidator.Validate"/>).
    /// </summary>
    public static IReadOnlyList<ValidationError> CheckLimits(NetworkSpec spec)
    {
        var errors = new List<ValidationError>();
        var synapses = ExpectedSynapses(spec);
        for (int k = 0; k < synapses.Length; k++)
        {
            if (synapses[k] is not { } n || n <= MaxSynapsesPerProjection) continue;
            var pr = spec.Projections[k];
            errors.Add(new ValidationError($"projections[{k}].connector",
                $"projection '{pr.Name}' ({pr.Pre} to {pr.Post}) would hold about {Count(n)} synapses (at least {Bytes(n * BytesPerSynapse)}); one projection holds at most {MaxSynapsesPerProjection.ToString("N0", CultureInfo.InvariantCulture)} (split it, or make it sparser)"));
        }
        return errors;
    }

    /// <summary>
    /// The problem of a network whose estimate exceeds <paramref name="availableBytes"/> (by default the
    /// memory this process may use, <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>); empty when it may fit.
    /// </summary>
    public static IReadOnlyList<ValidationError> Check(NetworkSpec spec, long? availableBytes = null)
    {
        double bytes = EstimateBytes(spec);
        long available = availableBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (!(bytes > available)) return [];
        double neurons = spec.Populations.Sum(p => (double)p.Size), synapses = ExpectedSynapses(spec).Sum(s => s ?? 0);
        return [new ValidationError("network",
            $"{Count(neurons)} neurons and about {Count(synapses)} synapses need at least {Bytes(bytes)} ({BytesPerSynapse} bytes per synapse, {BytesPerNeuron} per neuron) before anything else; this machine has {Bytes(available)} for this process. Use a smaller model, or --scale below 1")];
    }

    /// <summary>A count for a person: "12,500" up to a billion, "3.2e10" past it.</summary>
    public static string Count(double n)
        => n < 1e9 ? n.ToString("N0", CultureInfo.InvariantCulture) : n.ToString("0.##e0", CultureInfo.InvariantCulture);

    /// <summary>A byte count for a person: "4.68 GB", "2.1e+06 TB".</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB"];
        int u = 0;
        while (bytes >= 1000 && u < units.Length - 1) { bytes /= 1000; u++; }
        return string.Format(CultureInfo.InvariantCulture, bytes < 1000 ? "{0:0.##} {1}" : "{0:0.##e0} {1}", bytes, units[u]);
    }
}
