using Spiking.Description;
using Spiking.Runtime;
using Spiking.Tasks;

namespace Spiking.Inputs;

/// <summary>
/// <c>series</c> (<see cref="SeriesInputSpec"/>): a channel of a <c>[[series]]</c> entry played as a
/// current, one value per step, written <c>{ kind = "series", series = "signal.x" }</c>.
/// </summary>
public sealed class SeriesKind : InputKind<SeriesInputSpec>
{
    /// <summary>The one instance, as registered.</summary>
    public static SeriesKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "series";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["series", "neurons"];

    /// <summary>"name" or "name.channel" of a series (channel "value" when none is named).</summary>
    public static (string Series, string Channel) Reference(string text)
    {
        int dot = text.IndexOf('.');
        return dot < 0 ? (text, "value") : (text[..dot], text[(dot + 1)..]);
    }

    /// <inheritdoc/>
    public override SeriesInputSpec Read(string name, string target, IInputFields f)
    {
        var neurons = f.IntList("neurons", required: false);
        var (series, channel) = Reference(f.String("series", required: true, "the name of a [[series]] entry, optionally with .channel") ?? "");
        return new SeriesInputSpec(name, target, series, channel) { Neurons = neurons };
    }

    /// <inheritdoc/>
    public override void Check(SeriesInputSpec si, InputCheck check)
    {
        var series = check.Spec.Series;
        var known = series.FirstOrDefault(x => x.Name == si.Series);
        if (known is null) check.Error("series", $"no series named '{si.Series}'; series: {(series.Count == 0 ? "(none)" : string.Join(", ", series.Select(x => x.Name)))}");
        else if (SeriesGenerators.All.TryGetValue(known.Generator, out var g) && !g.Channels.Contains(si.Channel))
            check.Error("series", $"series '{si.Series}' ({known.Generator}) has no channel '{si.Channel}'; its channels: {string.Join(", ", g.Channels)}");
    }

    /// <inheritdoc/>
    public override void Resolve(SeriesInputSpec si, InputResolution r)
    {
        var values = (r.Series ?? throw new InvalidOperationException($"input '{si.Name}' plays a series, which this engine does not generate"))[si.Series][si.Channel];
        r.Add(new CurrentSteps(r.Index, r.Population, null, Enumerable.Range(0, values.Length).Select(s => (long)s).ToArray(), values, si.Neurons?.ToArray()));
    }
}
