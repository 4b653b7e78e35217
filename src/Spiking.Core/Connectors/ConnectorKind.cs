using Spiking.Description;

namespace Spiking.Connectors;

/// <summary>
/// Base of a connector kind over its own record type <typeparamref name="TSpec"/>: the typed members
/// to override, the untyped <see cref="IConnectorKind"/> ones done once here.
/// </summary>
public abstract class ConnectorKind<TSpec> : IConnectorKind where TSpec : ConnectorSpec
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Type SpecType => typeof(TSpec);

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> Keys => [];

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> RequiredKeys => [];

    /// <summary>Reads the record from a model file's connector table (see <see cref="IConnectorKind.Read"/>).</summary>
    public abstract TSpec Read(IConnectorFields fields);

    /// <summary>The record's own checks; none unless overridden.</summary>
    public virtual void Check(TSpec spec, ConnectorCheck check) { }

    /// <summary>The record at <c>--scale</c>; refused unless overridden.</summary>
    public virtual ConnectorSpec? Scale(TSpec spec, ConnectorScaling scaling) => scaling.CannotScale();

    /// <summary>Draws the projection's synapses (see <see cref="IConnectorKind.Build"/>).</summary>
    public abstract SynapseTable Build(TSpec spec, in ConnectivityBuilder.Context c);

    /// <summary>The synapses the record will draw (see <see cref="IConnectorKind.ExpectedSynapses"/>); null (not known) unless overridden.</summary>
    public virtual double? ExpectedSynapses(TSpec spec, long pre, long post) => null;

    double? IConnectorKind.ExpectedSynapses(ConnectorSpec spec, long pre, long post) => ExpectedSynapses((TSpec)spec, pre, post);

    ConnectorSpec IConnectorKind.Read(IConnectorFields fields) => Read(fields);

    void IConnectorKind.Check(ConnectorSpec spec, ConnectorCheck check) => Check((TSpec)spec, check);

    ConnectorSpec? IConnectorKind.Scale(ConnectorSpec spec, ConnectorScaling scaling) => Scale((TSpec)spec, scaling);

    SynapseTable IConnectorKind.Build(ConnectorSpec spec, in ConnectivityBuilder.Context c) => Build((TSpec)spec, c);
}
