using Spiking.Connectors;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>A connector table as its kind reads it (<see cref="IConnectorKind.Read"/>): the table reader's getters, with its lines and messages.</summary>
internal sealed class ConnectorFields(TableReader table) : IConnectorFields
{
    public bool? Bool(string key) => table.Bool(key);

    public long? Integer(string key, bool required, long min, long max, string expected) => table.Integer(key, required, min, max, expected);

    public double? Quantity(string key, Dimension? dimension, bool required) => table.Quantity(key, dimension, required);

    public IReadOnlyList<int>? IntList(string key, bool required) => table.IntList(key, required);

    public string? String(string key, bool required, string expected) => table.String(key, required, expected);
}
