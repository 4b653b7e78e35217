using Spiking.Build;
using Spiking.Description;
using Spiking.Engine;
using Spiking.Gpu;
using Spiking.Models;
using Spiking.Runtime;

namespace Spiking.Tests.Parity;

/// <summary>
/// The parity suite over the catalogs: every registered neuron model, on every registered time-stepped
/// engine other than the CPU's, either runs with the CPU step engine's spikes and state bit for bit or is
/// refused by that engine's <see cref="IEngine.Unsupported"/> naming the population. A model added to the
/// registry is covered here without a line of this test changing (adex was).
/// </summary>
public class ModelParityTests
{
    static ModelParityTests() => DeviceEngine.Register();

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModelRegistry.Names) data.Add(name);
        return data;
    }

    /// <summary>
    /// A small recurrent population of the model with its defaults, Poisson input onto each receptor and an
    /// injected current (when the model takes a current), its state variables sampled every step.
    /// </summary>
    private static NetworkSpec Spec(INeuronModel model, bool current)
    {
        var projections = new List<ProjectionSpec>();
        var inputs = new List<InputSpec>();
        if (current) inputs.Add(new CurrentInputSpec("dc", "p", [0.0, 5.0], [0.3, 0.6]));
        for (int r = 0; r < model.Receptors.Count && r < 2; r++)
        {
            var receptor = model.Receptors[r];
            double w = receptor.IsConductance ? 2.0 : r == 0 ? 0.5 : -0.5;
            projections.Add(new ProjectionSpec($"rec{r}", "p", "p", receptor.Name, new FixedProbabilityConnector(0.2),
                new ConstantValue(model.IsRate ? 0.1 * w : w), new ConstantValue(model.IsRate ? 0 : 1.0)));
            inputs.Add(new PoissonInputSpec($"bg{r}", "p", receptor.Name, 2000, receptor.IsConductance ? 3.0 : r == 0 ? 2.0 : -1.0));
        }
        return new NetworkSpec(new SimulationSpec(0.1, 20, Seed: 3, Threads: 1),
            [new PopulationSpec("p", model.Name, 16, new Dictionary<string, double>(), new Dictionary<string, ValueSpec>())],
            projections, inputs,
            model.Variables.Count > 0
                ? [new SpikeMonitorSpec("p"), new StateMonitorSpec("p", model.Variables.Select(v => v.Name).ToArray(), 0.1)]
                : [new SpikeMonitorSpec("p")]);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_runs_on_every_step_engine_with_the_cpu_bits_or_is_refused_by_name(string name)
    {
        Assert.True(ModelRegistry.TryGet(name, out var model));
        // With an injected current where the model takes one (sources and rate_input do not).
        var spec = Spec(model, current: true);
        if (NetworkValidator.Validate(spec).Count > 0) spec = Spec(model, current: false);
        Assert.Empty(NetworkValidator.Validate(spec));
        var expected = new MemoryRecorder();
        using (var cpu = EngineCatalog.Create(Network.Build(spec, 1), new EngineOptions { Threads = 1 })) cpu.Run(recorder: expected);

        foreach (var engine in EngineCatalog.Engines.Where(e => e.Runs(SimulationMode.Step) && !e.Backends.Contains("cpu")))
        {
            string backend = engine.Backends.FirstOrDefault(b => b == "ilgpu-cpu") ?? engine.Backends.First(engine.IsPresent);
            var options = new EngineOptions { Backend = backend, Threads = 1 };
            var network = Network.Build(spec, 1);
            var problems = engine.Unsupported(network, options);
            if (problems.Count > 0)
            {
                Assert.Contains(problems, p => p.Contains("population 'p'"));
                continue;
            }
            var actual = new MemoryRecorder();
            using (var sim = EngineCatalog.Create(network, options)) sim.Run(recorder: actual);
            Assert.Equal(expected.SpikeIds[0], actual.SpikeIds[0]);
            Assert.Equal(expected.SpikeTimes[0].Select(BitConverter.DoubleToInt64Bits), actual.SpikeTimes[0].Select(BitConverter.DoubleToInt64Bits));
            if (model.Variables.Count == 0) continue;
            Assert.Equal(expected.StateValues[1].Count, actual.StateValues[1].Count);
            for (int k = 0; k < expected.StateValues[1].Count; k++)
                Assert.Equal(expected.StateValues[1][k].Select(BitConverter.DoubleToInt64Bits), actual.StateValues[1][k].Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
