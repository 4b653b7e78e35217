namespace Spiking.IO.Toml;

/// <summary>A table: a <c>[section]</c>, an element of an <c>[[array]]</c>, or an inline <c>{ ... }</c>.</summary>
internal sealed class TTable : TNode
{
    public List<TEntry> Entries { get; } = [];

    /// <summary>Written as <c>{ ... }</c>, i.e. a value rather than a section.</summary>
    public bool Inline { get; init; }

    public TEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public void Set(string key, TNode value, int line)
    {
        var e = Find(key);
        if (e is null) Entries.Add(new TEntry(key, value, line));
        else { e.Value = value; e.Line = line; }
    }
}
