using Spiking.Description;
using Spiking.Random;

namespace Spiking.Connectors;

/// <summary>Draws per-synapse weights and delays from a <see cref="ValueSpec"/>.</summary>
public static class SynapseValues
{
    /// <summary>Draws one value from a spec with the given stream.</summary>
    public static double Draw(ValueSpec spec, ref PhiloxStream rng) => spec switch
    {
        ConstantValue c => c.Value,
        UniformValue u => u.Low + (u.High - u.Low) * rng.NextDouble(),
        NormalValue n => n.Mean + n.StandardDeviation * rng.NextNormal(),
        _ => throw new NotSupportedException($"value spec {spec.GetType().Name}"),
    };
}
