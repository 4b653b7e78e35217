using Spiking.Inputs;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>An input table as its kind reads it (<see cref="IInputKind.Read"/>): the table reader's getters, with its lines and messages, under the input's path <paramref name="at"/>.</summary>
internal sealed class InputFields(ReadContext ctx, TableReader table, string at, PopulationModels models) : IInputFields
{
    private string PathOf(string field) => field.Length == 0 ? at : $"{at}.{field}";

    public int Line => table.Line;

    public bool Has(string key) => table.Has(key);

    public int? LineOf(string key) => table.LineOfKey(key);

    public long? Integer(string key, bool required, long min, long max, string expected) => table.Integer(key, required, min, max, expected);

    public double? Quantity(string key, Dimension? dimension, bool required) => table.Quantity(key, dimension, required);

    public IReadOnlyList<double>? QuantityList(string key, Dimension dimension, bool required) => table.QuantityList(key, dimension, required);

    public IReadOnlyList<int>? IntList(string key, bool required) => table.IntList(key, required);

    public string? String(string key, bool required, string expected) => table.String(key, required, expected);

    public Dimension? WeightDimension(string target, string receptor) => models.WeightDimension(target, receptor);

    public void Error(string field, int? line, string message) => ctx.Error(PathOf(field), line, message);

    public void Record(string field, int line) => ctx.Record(PathOf(field), line);

    public void Flag(string field) => ctx.Flag(PathOf(field));
}
