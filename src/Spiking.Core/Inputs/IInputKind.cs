using Spiking.Description;

namespace Spiking.Inputs;

/// <summary>
/// A kind of input as a plugin (DESIGN.md, "Plugins"): the name model files write, the record it
/// makes, its file syntax, its checks and how it resolves into the drives every engine runs
/// (<see cref="Inputs.PoissonDrive"/>, <see cref="Inputs.SpikeTrainInput"/>, <see cref="Inputs.CurrentSteps"/>,
/// <see cref="Inputs.NoiseDrive"/>). Built-in kinds live one to a file in <c>Inputs/</c> and are registered
/// in <see cref="InputRegistry"/>; a program adds its own with <see cref="InputRegistry.Register"/>.
/// Derive from <see cref="InputKind{TSpec}"/> rather than implementing this directly.
/// </summary>
public interface IInputKind
{
    /// <summary>The name model files write: <c>kind = "poisson"</c> in an <c>[[inputs]]</c> table.</summary>
    string Name { get; }

    /// <summary>The record this kind reads into and resolves (a subclass of <see cref="InputSpec"/>).</summary>
    Type SpecType { get; }

    /// <summary>The keys an input table of this kind may hold besides <c>kind</c>, <c>name</c> and <c>target</c>, in the order messages list them.</summary>
    IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// Reads the record from a model file's input table (the reader has read <c>kind</c>, <c>name</c> and
    /// <c>target</c> and checked the keys against <see cref="Keys"/>). A field that cannot be read is
    /// reported by <paramref name="fields"/>; return a record with a stand-in value then.
    /// </summary>
    InputSpec Read(string name, string target, IInputFields fields);

    /// <summary>The record's own checks, after its neurons were checked against the target's size.</summary>
    void Check(InputSpec spec, InputCheck check);

    /// <summary>Turns the record into drives of the engines, added to <paramref name="resolution"/>.</summary>
    void Resolve(InputSpec spec, InputResolution resolution);
}
