using Spiking.Description;

namespace Spiking.Connectors;

/// <summary>
/// What <see cref="IConnectorKind.Scale"/> is given (<see cref="Spiking.Build.NetworkScaling"/>): the projection,
/// the scale, the sizes its populations get and their ratios to the full sizes, and a place to refuse.
/// </summary>
public sealed class ConnectorScaling
{
    private readonly Action<string> _refuse;

    internal ConnectorScaling(ProjectionSpec projection, double scale, int preSize, int postSize, double preRatio, double postRatio, Action<string> refuse)
    {
        Projection = projection; Scale = scale; PreSize = preSize; PostSize = postSize; PreRatio = preRatio; PostRatio = postRatio;
        _refuse = refuse;
    }

    /// <summary>The projection as written at full size.</summary>
    public ProjectionSpec Projection { get; }

    /// <summary>The factor of the run (<c>--scale</c>).</summary>
    public double Scale { get; }

    /// <summary>The pre population's size at this scale.</summary>
    public int PreSize { get; }

    /// <summary>The post population's size at this scale.</summary>
    public int PostSize { get; }

    /// <summary>Scaled over full size of the pre population (1 when its full size is 0 or unknown).</summary>
    public double PreRatio { get; }

    /// <summary>Scaled over full size of the post population.</summary>
    public double PostRatio { get; }

    /// <summary>Refuses to scale the connector, with a message naming the projection; returns null for the caller to return.</summary>
    public ConnectorSpec? Refuse(string message)
    {
        _refuse(message);
        return null;
    }

    /// <summary>The refusal of a connector that says nothing about scaling.</summary>
    public ConnectorSpec? CannotScale()
        => Refuse($"projection '{Projection.Name}': connector {Projection.Connector.GetType().Name} cannot be scaled");
}
