namespace Spiking.Description;

/// <summary>
/// How the synapses of a projection are chosen. Autapses (i → i when pre = post) are allowed unless said otherwise, as in Brian2 and NEST.
/// The records are plain data; each one's file syntax, checks, scaling and generator live in its kind
/// (<see cref="Connectors.IConnectorKind"/>, one file per kind in <c>Connectors/</c>, found by <see cref="Connectors.ConnectorRegistry"/>).
/// </summary>
public abstract record ConnectorSpec
{
    /// <summary>Whether a neuron may connect to itself when the projection maps a population onto itself.</summary>
    public bool AllowAutapses { get; init; } = true;
}

/// <summary>Every pre neuron to every post neuron.</summary>
public sealed record AllToAllConnector : ConnectorSpec;

/// <summary>Pre neuron i to post neuron i; both populations must have the same size.</summary>
public sealed record OneToOneConnector : ConnectorSpec;

/// <summary>Each (pre, post) pair independently with probability P (Brian2's connect(p=...), NEST pairwise_bernoulli).</summary>
public sealed record FixedProbabilityConnector(double P) : ConnectorSpec;

/// <summary>Each post neuron receives exactly K synapses from pre neurons drawn uniformly (NEST fixed_indegree).</summary>
public sealed record FixedInDegreeConnector(int K, bool AllowMultapses = false) : ConnectorSpec;

/// <summary>Each pre neuron sends exactly K synapses to post neurons drawn uniformly (NEST fixed_outdegree).</summary>
public sealed record FixedOutDegreeConnector(int K, bool AllowMultapses = false) : ConnectorSpec;

/// <summary>Exactly N synapses between pairs drawn uniformly with replacement (NEST fixed_total_number).</summary>
public sealed record FixedTotalNumberConnector(long N) : ConnectorSpec;

/// <summary>Synapses listed explicitly as (Pre[k], Post[k]) pairs.</summary>
public sealed record ExplicitConnector(IReadOnlyList<int> Pre, IReadOnlyList<int> Post) : ConnectorSpec;

/// <summary>
/// Each (pre, post) pair independently with probability C·exp(−(D/λ)²), D the Euclidean distance of
/// the two neurons in grid units (Maass, Natschläger &amp; Markram 2002, eq. in section 2). Both
/// populations need a <see cref="PopulationSpec.Layout"/>.
/// </summary>
public sealed record DistanceConnector(double C, double Lambda) : ConnectorSpec;
