using Spiking.Description;
using Spiking.Runtime;
using Spiking.Units;

namespace Spiking.Inputs;

/// <summary>
/// <c>poisson</c> (<see cref="PoissonInputSpec"/>): independent Poisson trains onto a receptor, written
/// <c>{ kind = "poisson", receptor = "exc", rate = "10 Hz", weight = "0.1 mV", count = 100 }</c>.
/// </summary>
internal sealed class PoissonKind : InputKind<PoissonInputSpec>
{
    /// <summary>The one instance, as registered.</summary>
    public static PoissonKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "poisson";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["receptor", "rate", "weight", "count", "neurons"];

    /// <inheritdoc/>
    public override PoissonInputSpec Read(string name, string target, IInputFields f)
    {
        string receptor = f.String("receptor", required: true, "a receptor of the target model") ?? "";
        double rate = f.Quantity("rate", Dimension.Frequency, required: true) ?? 0;
        double weight = f.Quantity("weight", f.WeightDimension(target, receptor), required: true) ?? 0;
        int count = (int)(f.Integer("count", required: false, int.MinValue, int.MaxValue, "an integer number of sources per neuron") ?? 1);
        var neurons = f.IntList("neurons", required: false);
        return new PoissonInputSpec(name, target, receptor, rate, weight, count) { Neurons = neurons };
    }

    /// <inheritdoc/>
    public override void Check(PoissonInputSpec pi, InputCheck check)
    {
        check.NeuronsListedOnce("rate or count");
        var receptor = check.Receptor(pi.Receptor);
        if (!(pi.Rate >= 0) || !double.IsFinite(pi.Rate)) check.Error("rate", $"must be >= 0 Hz (got {pi.Rate})");
        if (pi.Count < 1) check.Error("count", $"must be at least 1 source per neuron (got {pi.Count})");
        if (!double.IsFinite(pi.Weight)) check.Error("weight", "must be a finite number");
        if (receptor is { IsConductance: true } && pi.Weight < 0) check.Error("weight", $"receptor '{receptor.Name}' is a conductance, so the weight must be >= 0 nS");
        if (check.DtOk && pi.Rate * pi.Count * check.Dt * 1e-3 > 1e6) check.Error("rate", "rate × count × dt is above 10^6 spikes per step");
    }

    /// <inheritdoc/>
    public override void Resolve(PoissonInputSpec pi, InputResolution r)
        => r.Add(new PoissonDrive(r.Index, r.Population, r.Receptor(pi.Receptor), pi.Rate, pi.Count, pi.Weight, pi.Neurons?.ToArray()));
}
