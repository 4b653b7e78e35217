using Spiking.Description;
using Spiking.Runtime;
using Spiking.Units;

namespace Spiking.Inputs;

/// <summary>
/// <c>spike_times</c> (<see cref="SpikeTimesInputSpec"/>): spikes at given times into a receptor of given
/// neurons, written <c>{ kind = "spike_times", receptor = "exc", weight = "1 mV", neurons = [0, 3], times = ["5 ms", "7 ms"] }</c>.
/// </summary>
internal sealed class SpikeTimesKind : InputKind<SpikeTimesInputSpec>
{
    /// <summary>The one instance, as registered.</summary>
    public static SpikeTimesKind Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "spike_times";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Keys { get; } = ["receptor", "weight", "neurons", "times"];

    /// <inheritdoc/>
    public override SpikeTimesInputSpec Read(string name, string target, IInputFields f)
    {
        string receptor = f.String("receptor", required: true, "a receptor of the target model") ?? "";
        double weight = f.Quantity("weight", f.WeightDimension(target, receptor), required: true) ?? 0;
        var neurons = f.IntList("neurons", required: true) ?? [];
        var times = f.QuantityList("times", Dimension.Time, required: true) ?? [];
        return new SpikeTimesInputSpec(name, target, receptor, weight, neurons, times);
    }

    /// <inheritdoc/>
    public override void Check(SpikeTimesInputSpec st, InputCheck check)
    {
        var receptor = check.Receptor(st.Receptor);
        double dt = check.Dt;
        if (st.SpikeNeurons.Count != st.SpikeTimes.Count) check.Error("times", $"{st.SpikeTimes.Count} times for {st.SpikeNeurons.Count} neurons; give one neuron per time");
        for (int m = 0; m < st.SpikeTimes.Count; m++)
            if (!(st.SpikeTimes[m] >= 0)) { check.Error("times", $"spike times must be >= 0 ms (entry {m} is {st.SpikeTimes[m]})"); break; }
        bool timed = check.Model is { SupportsTimedInput: true } && check.Target.PreciseSpikeTimes && check.Mode == SimulationMode.Step;
        if (receptor is { ActsAtStepEnd: true } && check.DtOk && !timed && st.SpikeTimes.Any(t => t < dt))
            check.Error("times", $"receptor '{receptor.Name}' applies input at the end of a step, so spike times must be >= dt ({dt} ms)");
        if (timed && receptor is { ActsAtStepEnd: true } && st.SpikeTimes.Any(t => t <= 0))
            check.Error("times", $"population '{st.Target}' has precise spike times, which take inputs in (0, T]: spike times must be > 0 ms");
        check.CheckNeurons(st.SpikeNeurons, check.Target.Size, "neurons");
    }

    /// <inheritdoc/>
    public override void Resolve(SpikeTimesInputSpec st, InputResolution r)
        => r.Add(new SpikeTrainInput(r.Index, r.Population, r.Receptor(st.Receptor), st));
}
