namespace Spiking.IO.Toml;

/// <summary>An array value, <c>[a, b, ...]</c>.</summary>
internal sealed class TArray : TNode
{
    public List<TNode> Items { get; } = [];
}
