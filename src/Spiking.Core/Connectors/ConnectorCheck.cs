using Spiking.Description;

namespace Spiking.Connectors;

/// <summary>
/// What <see cref="IConnectorKind.Check"/> is given: the projection, the populations it joins (null
/// when a name is unknown, already reported) and a place for errors under the connector's path. It
/// takes the validator's error sink as delegates so that Connectors does not depend on Build.
/// </summary>
public sealed class ConnectorCheck
{
    private readonly string _at;
    private readonly Action<string, string> _error;
    private readonly Action<IReadOnlyList<int>, int, string> _checkNeurons;

    internal ConnectorCheck(ProjectionSpec projection, PopulationSpec? pre, PopulationSpec? post, string at,
        Action<string, string> error, Action<IReadOnlyList<int>, int, string> checkNeurons)
    {
        Projection = projection; Pre = pre; Post = post;
        _at = at; _error = error; _checkNeurons = checkNeurons;
    }

    /// <summary>The projection whose connector is checked.</summary>
    public ProjectionSpec Projection { get; }

    /// <summary>The pre population; null when the projection names none that exists.</summary>
    public PopulationSpec? Pre { get; }

    /// <summary>The post population; null when the projection names none that exists.</summary>
    public PopulationSpec? Post { get; }

    /// <summary>The pre population's size; −1 when unknown, which skips the checks against it.</summary>
    public int PreSize => Pre?.Size ?? -1;

    /// <summary>The post population's size; −1 when unknown.</summary>
    public int PostSize => Post?.Size ?? -1;

    /// <summary>Reports a problem with field <paramref name="field"/> of the connector (<c>""</c>: the connector itself).</summary>
    public void Error(string field, string message) => _error(field.Length == 0 ? _at : $"{_at}.{field}", message);

    /// <summary>Reports the first index of <paramref name="neurons"/> outside 0..size−1, as every neuron list is checked.</summary>
    public void CheckNeurons(IReadOnlyList<int> neurons, int size, string field) => _checkNeurons(neurons, size, $"{_at}.{field}");
}
