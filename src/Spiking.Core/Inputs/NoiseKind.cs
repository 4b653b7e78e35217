using Spiking.Description;
using Spiking.Runtime;
using Spiking.Units;

namespace Spiking.Inputs;

/// <summary>
/// <c>noise</c> (<see cref="NoiseInputSpec"/>): a Gaussian current drawn per neuron per step, written
/// <c>{ kind = "noise", mean = "0.1 nA", sd = "0.05 nA" }</c>; time-stepped mode only.
/// </summary>
internal sealed class NoiseKind : InputKind<NoiseInputSpec>
{
    /// <summary>The one instance, as registered.</summary>
    public static NoiseKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "noise";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["mean", "sd", "neurons"];

    /// <inheritdoc/>
    public override NoiseInputSpec Read(string name, string target, IInputFields f)
    {
        var neurons = f.IntList("neurons", required: false);
        double mean = f.Quantity("mean", Dimension.Current, required: false) ?? 0;
        double sd = f.Quantity("sd", Dimension.Current, required: true) ?? 0;
        return new NoiseInputSpec(name, target, mean, sd) { Neurons = neurons };
    }

    /// <inheritdoc/>
    public override void Check(NoiseInputSpec ni, InputCheck check)
    {
        check.NeuronsListedOnce("sd or mean");
        if (!double.IsFinite(ni.Mean)) check.Error("mean", $"must be a finite current (got {ni.Mean})");
        if (!(ni.StandardDeviation >= 0) || !double.IsFinite(ni.StandardDeviation)) check.Error("sd", $"must be >= 0 nA (got {ni.StandardDeviation})");
        if (check.Mode == SimulationMode.Event) check.Error("kind", "noise inputs draw a current per step and run in the time-stepped mode only; run with mode = \"step\" (or --mode step)");
    }

    /// <inheritdoc/>
    public override void Resolve(NoiseInputSpec ni, InputResolution r)
        => r.Add(new NoiseDrive(r.Index, r.Population, ni.Mean, ni.StandardDeviation, ni.Neurons?.ToArray()));
}
