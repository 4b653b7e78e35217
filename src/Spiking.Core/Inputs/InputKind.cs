using Spiking.Description;

namespace Spiking.Inputs;

/// <summary>
/// Base of an input kind over its own record type <typeparamref name="TSpec"/>: the typed members
/// to override, the untyped <see cref="IInputKind"/> ones done once here.
/// </summary>
public abstract class InputKind<TSpec> : IInputKind where TSpec : InputSpec
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Type SpecType => typeof(TSpec);

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> Keys => [];

    /// <summary>Reads the record from a model file's input table (see <see cref="IInputKind.Read"/>).</summary>
    public abstract TSpec Read(string name, string target, IInputFields fields);

    /// <summary>The record's own checks; none unless overridden.</summary>
    public virtual void Check(TSpec spec, InputCheck check) { }

    /// <summary>Turns the record into drives of the engines (see <see cref="IInputKind.Resolve"/>).</summary>
    public abstract void Resolve(TSpec spec, InputResolution resolution);

    InputSpec IInputKind.Read(string name, string target, IInputFields fields) => Read(name, target, fields);

    void IInputKind.Check(InputSpec spec, InputCheck check) => Check((TSpec)spec, check);

    void IInputKind.Resolve(InputSpec spec, InputResolution resolution) => Resolve((TSpec)spec, resolution);
}
