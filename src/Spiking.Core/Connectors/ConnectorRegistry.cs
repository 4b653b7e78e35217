using Spiking.Description;

namespace Spiking.Connectors;

/// <summary>
/// Connector kinds by the name model files use and by their record type. Built-in kinds are
/// registered at start; a program adds its own with <see cref="Register"/> (as
/// <see cref="Models.ModelRegistry"/> does for neuron models), so no switch grows with every kind.
/// </summary>
public static class ConnectorRegistry
{
    // Kept in registration order, not sorted: the reader's messages list the kinds in this order
    // ("expected one of all_to_all, one_to_one, ..."), as they did when the kinds were a fixed table.
    private static readonly List<IConnectorKind> Kinds =
    [
        AllToAllKind.Instance,
        OneToOneKind.Instance,
        FixedProbabilityKind.Instance,
        DistanceKind.Instance,
        FixedInDegreeKind.Instance,
        FixedOutDegreeKind.Instance,
        FixedTotalNumberKind.Instance,
        ExplicitKind.Instance,
    ];

    private static readonly object Gate = new();

    /// <summary>Adds a kind, or replaces the kind of the same name in its place.</summary>
    public static void Register(IConnectorKind kind)
    {
        if (!typeof(ConnectorSpec).IsAssignableFrom(kind.SpecType))
            throw new ArgumentException($"connector kind '{kind.Name}': {kind.SpecType.Name} is not a {nameof(ConnectorSpec)}", nameof(kind));
        lock (Gate)
        {
            int at = Kinds.FindIndex(k => k.Name == kind.Name);
            if (at >= 0) Kinds[at] = kind;
            else Kinds.Add(kind);
        }
    }

    /// <summary>Looks a kind up by the name model files use.</summary>
    public static bool TryGet(string name, out IConnectorKind kind)
    {
        lock (Gate) kind = Kinds.Find(k => k.Name == name)!;
        return kind is not null;
    }

    /// <summary>Looks up the kind that made <paramref name="spec"/> (by its record type; the last registered wins).</summary>
    public static bool TryGet(ConnectorSpec spec, out IConnectorKind kind)
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
}
