namespace Spiking.IO.Toml;

/// <summary>A key of a table with its value and the line the key was written on.</summary>
internal sealed class TEntry(string key, TNode value, int line)
{
    public string Key { get; } = key;
    public TNode Value { get; set; } = value;
    public int Line { get; set; } = line;
}
