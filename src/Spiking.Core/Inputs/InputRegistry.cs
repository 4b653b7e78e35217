using Spiking.Description;

namespace Spiking.Inputs;

/// <summary>
/// Input kinds by the name model files use and by their record type. Built-in kinds are registered at
/// start; a program adds its own with <see cref="Register"/> (as <see cref="Connectors.ConnectorRegistry"/>
/// does for connectors), so no switch grows with every kind.
/// </summary>
public static class InputRegistry
{
    // Kept in registration order, not sorted: the reader's messages list the kinds in this order
    // ("expected poisson, spike_times, current, noise or series"), as they did when the kinds were a switch.
    private static readonly List<IInputKind> Kinds =
    [
        PoissonKind.Instance,
        SpikeTimesKind.Instance,
        CurrentKind.Instance,
        NoiseKind.Instance,
        SeriesKind.Instance,
    ];

    private static readonly object Gate = new();

    /// <summary>Adds a kind, or replaces the kind of the same name in its place.</summary>
    public static void Register(IInputKind kind)
    {
        if (!typeof(InputSpec).IsAssignableFrom(kind.SpecType))
            throw new ArgumentException($"input kind '{kind.Name}': {kind.SpecType.Name} is not an {nameof(InputSpec)}", nameof(kind));
        lock (Gate)
        {
            int at = Kinds.FindIndex(k => k.Name == kind.Name);
            if (at >= 0) Kinds[at] = kind;
            else Kinds.Add(kind);
        }
    }

    /// <summary>Looks a kind up by the name model files use.</summary>
    public static bool TryGet(string name, out IInputKind kind)
    {
        lock (Gate) kind = Kinds.Find(k => k.Name == name)!;
        return kind is not null;
    }

    /// <summary>Looks up the kind that made <paramref name="spec"/> (by its record type; the last registered wins).</summary>
    public static bool TryGet(InputSpec spec, out IInputKind kind)
    {
        var type = spec.GetType();
        lock (Gate) kind = Kinds.FindLast(k => k.SpecType == type)!;
        return kind is not null;
    }

    /// <summary>Names of all registered kinds, in registration order (the order messages list them).</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Kinds.Select(k => k.Name).ToArray(); }
    }

    /// <summary>The names as messages list them: "poisson, spike_times, current, noise or series".</summary>
    public static string NamesText
    {
        get
        {
            var names = Names;
            return names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
        }
    }
}
