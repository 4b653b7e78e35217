using Spiking.Description;
using Spiking.Engine;
using Spiking.Plasticity;
using Spiking.Runtime;

namespace Spiking.Tests.Parity;

/// <summary>
/// What the parity tests share: the engines to compare with the CPU step engine, one run of a spec on an
/// engine through <see cref="EngineCatalog"/>, and the bit-for-bit comparison of two runs (every monitor's
/// record, every population's final state, every projection's weights).
/// </summary>
internal static class ParityRuns
{
    /// <summary>One run: the network after it (host state current), what the monitors recorded, and the rule of each plastic projection as <see cref="ISimulation.Plasticity"/> gave it.</summary>
    public sealed record Run(Network Network, MemoryRecorder Record, IReadOnlyDictionary<string, PlasticityRuntime> Rules);

    /// <summary>
    /// Every registered time-stepped engine other than the CPU's, with the backend it is compared on
    /// (ilgpu-cpu where the engine serves it, else the first one present). Asserts there is one: a
    /// parity test with nothing to compare would pass vacuously.
    /// </summary>
    public static IReadOnlyList<(IEngine Engine, EngineOptions Options)> OtherStepEngines()
    {
        var list = new List<(IEngine, EngineOptions)>();
        foreach (var engine in EngineCatalog.Engines.Where(e => e.Runs(SimulationMode.Step) && !e.Backends.Contains("cpu")))
        {
            string backend = engine.Backends.FirstOrDefault(b => b == "ilgpu-cpu") ?? engine.Backends.First(engine.IsPresent);
            list.Add((engine, new EngineOptions { Backend = backend, Threads = 1 }));
        }
        Assert.NotEmpty(list);
        return list;
    }

    /// <summary>Builds <paramref name="spec"/> afresh and runs it once on the engine <paramref name="options"/> select; <paramref name="prepare"/> is called before the run (rewards, ...).</summary>
    public static Run On(NetworkSpec spec, EngineOptions options, Action<ISimulation>? prepare = null)
        => On(Network.Build(spec, 1), options, prepare);

    /// <summary>Runs the freshly built <paramref name="network"/> once on the engine <paramref name="options"/> select.</summary>
    public static Run On(Network network, EngineOptions options, Action<ISimulation>? prepare = null)
    {
        var record = new MemoryRecorder();
        var rules = new Dictionary<string, PlasticityRuntime>();
        using (var sim = EngineCatalog.Create(network, options))
        {
            prepare?.Invoke(sim);
            sim.Run(recorder: record);
            foreach (var p in network.Spec.Projections)
                if (sim.Plasticity(p.Name) is { } rule) rules[p.Name] = rule;
        }
        return new Run(network, record, rules);
    }

    /// <summary>The CPU step engine on one thread.</summary>
    public static EngineOptions Cpu { get; } = new() { Backend = "cpu", Threads = 1 };

    private static IEnumerable<long> Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits);

    /// <summary>
    /// Asserts that <paramref name="actual"/> is <paramref name="expected"/> bit for bit: spikes (ids and
    /// time bits), state samples, rate bins, weight snapshots of every monitor; every variable of every
    /// population after the run; every projection's float weights and every rule's double weights.
    /// </summary>
    public static void AssertSame(Run expected, Run actual, string engine)
    {
        var e = expected.Record;
        var a = actual.Record;
        int monitors = expected.Network.Spec.Monitors.Count;
        Assert.Equal(monitors, a.SpikeIds.Length);
        for (int m = 0; m < monitors; m++)
        {
            string at = $"{engine}, monitor {m} ({expected.Network.Spec.Monitors[m].GetType().Name})";
            Assert.True(e.SpikeIds[m].SequenceEqual(a.SpikeIds[m]), $"{at}: spike ids differ ({e.SpikeIds[m].Count} vs {a.SpikeIds[m].Count})");
            Assert.True(Bits(e.SpikeTimes[m]).SequenceEqual(Bits(a.SpikeTimes[m])), $"{at}: spike times differ");
            Assert.True(Bits(e.StateTimes[m]).SequenceEqual(Bits(a.StateTimes[m])), $"{at}: state sample times differ ({e.StateTimes[m].Count} vs {a.StateTimes[m].Count})");
            for (int k = 0; k < e.StateValues[m].Count; k++)
                Assert.True(Bits(e.StateValues[m][k]).SequenceEqual(Bits(a.StateValues[m][k])), $"{at}: state sample {k} differs");
            Assert.True(Bits(e.RateTimes[m]).SequenceEqual(Bits(a.RateTimes[m])), $"{at}: rate bin times differ ({e.RateTimes[m].Count} vs {a.RateTimes[m].Count})");
            Assert.True(Bits(e.Rates[m]).SequenceEqual(Bits(a.Rates[m])), $"{at}: rates differ");
            Assert.True(Bits(e.WeightTimes[m]).SequenceEqual(Bits(a.WeightTimes[m])), $"{at}: weight snapshot times differ ({e.WeightTimes[m].Count} vs {a.WeightTimes[m].Count})");
            for (int k = 0; k < e.Weights[m].Count; k++)
                Assert.True(Bits(e.Weights[m][k]).SequenceEqual(Bits(a.Weights[m][k])), $"{at}: weight snapshot {k} differs");
        }
        foreach (var p in expected.Network.Populations)
        {
            var q = actual.Network.Population(p.Spec.Name);
            foreach (var v in p.Model.Variables)
                Assert.True(Bits(p.Group.Variable(v.Name)).SequenceEqual(Bits(q.Group.Variable(v.Name))),
                    $"{engine}: final {v.Name} of population '{p.Spec.Name}' differs");
        }
        for (int k = 0; k < expected.Network.Projections.Count; k++)
        {
            var p = expected.Network.Projections[k];
            var q = actual.Network.Projections[k];
            Assert.True(p.Synapses.Weight.Select(BitConverter.SingleToInt32Bits).SequenceEqual(q.Synapses.Weight.Select(BitConverter.SingleToInt32Bits)),
                $"{engine}: float weights of projection '{p.Spec.Name}' differ");
        }
        Assert.Equal(expected.Rules.Keys.Order(), actual.Rules.Keys.Order());
        foreach (var (name, rule) in expected.Rules)
            Assert.True(Bits(rule.Weights).SequenceEqual(Bits(actual.Rules[name].Weights)), $"{engine}: weights of rule on projection '{name}' differ");
    }

    /// <summary>
    /// Runs <paramref name="spec"/> on the CPU step engine, checks <paramref name="expected"/> (that the run
    /// did something), then on every other step engine: the same bits, or a refusal by
    /// <see cref="IEngine.Unsupported"/> with a line containing <paramref name="refusalNames"/> (and
    /// <see cref="EngineCatalog.Create"/> throwing). Returns, per engine, "runs" or "refused: ...".
    /// </summary>
    public static IReadOnlyList<string> CompareAll(NetworkSpec spec, string refusalNames, Action<Run> expected, Action<ISimulation>? prepare = null)
    {
        Assert.Empty(Spiking.Build.NetworkValidator.Validate(spec));
        var cpu = On(spec, Cpu, prepare);
        expected(cpu);
        var outcome = new List<string>();
        foreach (var (engine, options) in OtherStepEngines())
        {
            var network = Network.Build(spec, 1);
            var problems = engine.Unsupported(network, options);
            if (problems.Count > 0)
            {
                Assert.True(problems.Any(p => p.Contains(refusalNames)), $"{engine.Name} refuses without naming {refusalNames}: {string.Join("; ", problems)}");
                Assert.ThrowsAny<UnsupportedFeatureException>(() => EngineCatalog.Create(network, options).Dispose()); // the device throws its subclass
                outcome.Add($"{engine.Name}/{options.Backend}: refused: {string.Join("; ", problems)}");
                continue;
            }
            var run = On(network, options, prepare);
            AssertSame(cpu, run, $"{engine.Name}/{options.Backend}");
            outcome.Add($"{engine.Name}/{options.Backend}: runs, bit for bit");
        }
        return outcome;
    }
}
