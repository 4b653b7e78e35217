using Spiking.Description;
using Spiking.Random;
using Spiking.Units;

namespace Spiking.Connectors;

/// <summary>
/// <c>fixed_probability</c> (<see cref="FixedProbabilityConnector"/>): each (pre, post) pair
/// independently with probability p. Written <c>{ kind = "fixed_probability", p = 0.02 }</c>.
/// </summary>
internal sealed class FixedProbabilityKind : ConnectorKind<FixedProbabilityConnector>
{
    /// <summary>The one instance, as registered.</summary>
    public static FixedProbabilityKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "fixed_probability";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["p"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredKeys { get; } = ["p"];

    /// <inheritdoc/>
    public override FixedProbabilityConnector Read(IConnectorFields fields)
        => new(fields.Quantity("p", Dimension.Dimensionless, required: true) ?? 0);

    /// <inheritdoc/>
    public override void Check(FixedProbabilityConnector fp, ConnectorCheck check)
    {
        if (!(fp.P >= 0 && fp.P <= 1)) check.Error("p", $"a probability must be between 0 and 1 (got {fp.P})");
    }

    /// <inheritdoc/>
    public override ConnectorSpec? Scale(FixedProbabilityConnector fp, ConnectorScaling s)
    {
        // In-degree p·N_pre: p grows as N_pre shrinks.
        return fp.P / s.PreRatio <= 1
            ? fp with { P = fp.P / s.PreRatio }
            : s.Refuse($"projection '{s.Projection.Name}' has connection probability {fp.P}; keeping its in-degree at scale {s.Scale} needs p = {fp.P / s.PreRatio:G4} > 1");
    }

    /// <inheritdoc/>
    public override SynapseTable Build(FixedProbabilityConnector fp, in ConnectivityBuilder.Context c)
    {
        int postSize = c.PostSize;
        bool skipSelf = c.SkipSelf;
        double p = fp.P;
        return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row) =>
        {
            if (p <= 0) return;
            if (p >= 1)
            {
                AllToAllKind.AllTargets(i, postSize, skipSelf, row);
                return;
            }
            // Skip over absent pairs with geometric gaps: O(synapses), not O(post size).
            double logq = Math.Log(1 - p);
            long jj = rng.NextGeometric(logq);
            while (jj < postSize)
            {
                if (!(skipSelf && jj == i)) row.Add((int)jj);
                jj += 1 + rng.NextGeometric(logq);
            }
        });
    }

    /// <inheritdoc/>
    public override double? ExpectedSynapses(FixedProbabilityConnector spec, long pre, long post) => spec.P * pre * post;
}
