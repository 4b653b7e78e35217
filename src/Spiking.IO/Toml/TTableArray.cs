namespace Spiking.IO.Toml;

/// <summary>An array of tables, written <c>[[name]]</c> once per element.</summary>
internal sealed class TTableArray : TNode
{
    public List<TTable> Tables { get; } = [];
}
