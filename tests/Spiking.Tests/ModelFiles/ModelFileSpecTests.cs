using Spiking.Description;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.ModelFiles;

/// <summary>A valid file becomes exactly the expected description, in base units.</summary>
public class ModelFileSpecTests
{
    private const string Full = """
        # Every feature of the format, with values in assorted units.
        [simulation]
        dt = "100 us"
        duration = "0.5 s"
        seed = 42
        threads = 2

        [[populations]]
        name = "exc"
        model = "lif_cuba"
        size = 40
        precise_spike_times = true
        [populations.parameters]
        tau_m = "0.02 s"
        E_L = -49
        V_th = "-50 mV"
        V_reset = "-0.06 V"
        t_ref = "5 ms"
        R_m = "100 Mohm"
        [populations.initial]
        v = { uniform = ["-60 mV", "-50 mV"] }
        I_ex = { normal = ["1 mV", "0.5 mV"] }
        I_in = "-2 mV"

        [[populations]]
        name = "inh"
        model = "lif_coba"
        size = 40
        [populations.parameters]
        C_m = "0.2 nF"
        g_L = "10 nS"
        [populations.initial]
        g_ex = { normal = ["40 nS", "15 nS"] }

        [[projections]]
        name = "p_fp"
        pre = "exc"
        post = "exc"
        receptor = "exc"
        connector = { kind = "fixed_probability", p = 0.02, allow_autapses = false }
        weight = "1620 uV"
        delay = { uniform = ["1 ms", "2 ms"] }
        sign = "excitatory"

        [[projections]]
        name = "p_in"
        pre = "exc"
        post = "inh"
        receptor = "exc"
        connector = { kind = "fixed_indegree", k = 5, allow_multapses = true }
        weight = { normal = ["6 nS", "1 nS"] }

        [[projections]]
        name = "p_out"
        pre = "inh"
        post = "exc"
        receptor = "inh"
        weight = "-9 mV"
        delay = 0.5
        sign = "inhibitory"
        [projections.connector]
        kind = "fixed_outdegree"
        k = 3

        [[projections]]
        name = "p_total"
        pre = "inh"
        post = "inh"
        receptor = "inh"
        connector = { kind = "fixed_total_number", n = 100 }
        weight = "67 nS"
        sign = "any"

        [[projections]]
        name = "p_all"
        pre = "exc"
        post = "inh"
        receptor = "inh"
        connector = { kind = "all_to_all" }
        weight = 1

        [[projections]]
        name = "p_one"
        pre = "exc"
        post = "inh"
        receptor = "exc"
        connector = "one_to_one"
        weight = 2

        [[projections]]
        name = "p_explicit"
        pre = "inh"
        post = "exc"
        receptor = "exc"
        connector = { kind = "explicit", pre = [0, 1, 2], post = [3, 4, 5] }
        weight = "0.5 mV"

        [[inputs]]
        kind = "poisson"
        name = "ext"
        target = "exc"
        receptor = "exc"
        rate = "0.02 kHz"
        weight = "0.1 mV"
        count = 1000
        neurons = [0, 2, 4]

        [[inputs]]
        kind = "poisson"
        name = "ext_coba"
        target = "inh"
        receptor = "exc"
        rate = 5
        weight = "1 nS"

        [[inputs]]
        kind = "spike_times"
        name = "s"
        target = "exc"
        receptor = "exc"
        weight = "1 mV"
        neurons = [0, 0, 3]
        times = ["10 ms", "20 ms", "0.015 s"]

        [[inputs]]
        kind = "current"
        name = "step"
        target = "exc"
        amplitude = "500 pA"
        start = "100 ms"
        stop = "200 ms"

        [[inputs]]
        kind = "current"
        name = "always"
        target = "inh"
        amplitude = 0.1
        neurons = [1]

        [[inputs]]
        kind = "current"
        name = "ramp"
        target = "inh"
        times = ["0 ms", "10 ms", "20 ms"]
        amplitudes = ["0.1 nA", "0.2 nA", 0]

        [[monitors]]
        kind = "spikes"
        population = "exc"

        [[monitors]]
        kind = "spikes"
        population = "inh"
        neurons = [0, 1]

        [[monitors]]
        kind = "state"
        population = "exc"
        variables = ["v", "I_ex"]
        neurons = [0, 1]
        interval = "1 ms"

        [[monitors]]
        kind = "state"
        population = "inh"
        variables = ["v"]

        [[monitors]]
        kind = "rate"
        population = "exc"
        bin = "1 ms"
        """;

    private static void Near(double expected, double actual) => Assert.Equal(expected, actual, 1e-9);

    private static void Near(ValueSpec expected, ValueSpec actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected, actual)
        {
            case (ConstantValue e, ConstantValue a): Near(e.Value, a.Value); break;
            case (UniformValue e, UniformValue a): Near(e.Low, a.Low); Near(e.High, a.High); break;
            case (NormalValue e, NormalValue a): Near(e.Mean, a.Mean); Near(e.StandardDeviation, a.StandardDeviation); break;
        }
    }

    [Fact]
    public void FullFileGivesTheExpectedRecords()
    {
        var spec = Ok(Full);
        Assert.Equal(Full, spec.SourceText);
        Assert.Equal(Source, spec.SourceName);

        var sim = spec.Simulation;
        Near(0.1, sim.Dt);
        Near(500, sim.Duration);
        Assert.Equal(42UL, sim.Seed);
        Assert.Equal(2, sim.Threads);

        Assert.Equal(2, spec.Populations.Count);
        var exc = spec.Populations[0];
        Assert.Equal(("exc", "lif_cuba", 40, true), (exc.Name, exc.Model, exc.Size, exc.PreciseSpikeTimes));
        Assert.Equal(6, exc.Parameters.Count);
        Near(20, exc.Parameters["tau_m"]);
        Near(-49, exc.Parameters["E_L"]);
        Near(-50, exc.Parameters["V_th"]);
        Near(-60, exc.Parameters["V_reset"]);
        Near(5, exc.Parameters["t_ref"]);
        Near(100, exc.Parameters["R_m"]);
        Assert.Equal(3, exc.Initial.Count);
        Near(new UniformValue(-60, -50), exc.Initial["v"]);
        Near(new NormalValue(1, 0.5), exc.Initial["I_ex"]);
        Near(new ConstantValue(-2), exc.Initial["I_in"]);

        var inh = spec.Populations[1];
        Assert.Equal(("inh", "lif_coba", 40, false), (inh.Name, inh.Model, inh.Size, inh.PreciseSpikeTimes));
        Assert.Equal(2, inh.Parameters.Count);
        Near(200, inh.Parameters["C_m"]);
        Near(10, inh.Parameters["g_L"]);
        Assert.Single(inh.Initial);
        Near(new NormalValue(40, 15), inh.Initial["g_ex"]);

        var pr = spec.Projections;
        Assert.Equal(["p_fp", "p_in", "p_out", "p_total", "p_all", "p_one", "p_explicit"], pr.Select(p => p.Name).ToArray());

        Assert.Equal(("exc", "exc", "exc", SynapseSign.Excitatory), (pr[0].Pre, pr[0].Post, pr[0].Receptor, pr[0].Sign));
        Assert.Equal(new FixedProbabilityConnector(0.02) { AllowAutapses = false }, pr[0].Connector);
        Near(new ConstantValue(1.62), pr[0].Weight);
        Near(new UniformValue(1, 2), pr[0].Delay);

        Assert.Equal(("exc", "inh", "exc", SynapseSign.Any), (pr[1].Pre, pr[1].Post, pr[1].Receptor, pr[1].Sign));
        Assert.Equal(new FixedInDegreeConnector(5, AllowMultapses: true), pr[1].Connector);
        Near(new NormalValue(6, 1), pr[1].Weight);
        Near(new ConstantValue(0), pr[1].Delay);

        Assert.Equal(("inh", "exc", "inh", SynapseSign.Inhibitory), (pr[2].Pre, pr[2].Post, pr[2].Receptor, pr[2].Sign));
        Assert.Equal(new FixedOutDegreeConnector(3), pr[2].Connector);
        Near(new ConstantValue(-9), pr[2].Weight);
        Near(new ConstantValue(0.5), pr[2].Delay);

        Assert.Equal(new FixedTotalNumberConnector(100), pr[3].Connector);
        Near(new ConstantValue(67), pr[3].Weight);
        Assert.Equal(SynapseSign.Any, pr[3].Sign);

        Assert.Equal(new AllToAllConnector(), pr[4].Connector);
        Near(new ConstantValue(1), pr[4].Weight);
        Assert.Equal(new OneToOneConnector(), pr[5].Connector);
        Near(new ConstantValue(2), pr[5].Weight);

        var ex = Assert.IsType<ExplicitConnector>(pr[6].Connector);
        Assert.Equal([0, 1, 2], ex.Pre);
        Assert.Equal([3, 4, 5], ex.Post);
        Assert.True(ex.AllowAutapses);

        var inputs = spec.Inputs;
        Assert.Equal(6, inputs.Count);
        var poisson = Assert.IsType<PoissonInputSpec>(inputs[0]);
        Assert.Equal(("ext", "exc", "exc", 1000), (poisson.Name, poisson.Target, poisson.Receptor, poisson.Count));
        Near(20, poisson.Rate);
        Near(0.1, poisson.Weight);
        Assert.Equal([0, 2, 4], poisson.Neurons!);

        var poisson2 = Assert.IsType<PoissonInputSpec>(inputs[1]);
        Assert.Equal(("ext_coba", "inh", "exc", 1), (poisson2.Name, poisson2.Target, poisson2.Receptor, poisson2.Count));
        Near(5, poisson2.Rate);
        Near(1, poisson2.Weight);
        Assert.Null(poisson2.Neurons);

        var st = Assert.IsType<SpikeTimesInputSpec>(inputs[2]);
        Assert.Equal(("s", "exc", "exc"), (st.Name, st.Target, st.Receptor));
        Near(1, st.Weight);
        Assert.Equal([0, 0, 3], st.SpikeNeurons);
        Assert.Equal(3, st.SpikeTimes.Count);
        Near(10, st.SpikeTimes[0]);
        Near(20, st.SpikeTimes[1]);
        Near(15, st.SpikeTimes[2]);
        Assert.Null(st.Neurons);

        var step = Assert.IsType<CurrentInputSpec>(inputs[3]);
        Assert.Equal(("step", "exc"), (step.Name, step.Target));
        Assert.Equal([100.0, 200.0], step.Times);
        Assert.Equal(2, step.Amplitudes.Count);
        Near(0.5, step.Amplitudes[0]);
        Near(0, step.Amplitudes[1]);
        Assert.Null(step.Neurons);

        var always = Assert.IsType<CurrentInputSpec>(inputs[4]);
        Assert.Equal([0.0], always.Times);
        Assert.Equal([0.1], always.Amplitudes);
        Assert.Equal([1], always.Neurons!);

        var ramp = Assert.IsType<CurrentInputSpec>(inputs[5]);
        Assert.Equal([0.0, 10.0, 20.0], ramp.Times);
        Assert.Equal([0.1, 0.2, 0.0], ramp.Amplitudes);

        var m = spec.Monitors;
        Assert.Equal(5, m.Count);
        Assert.Equal(new SpikeMonitorSpec("exc"), m[0]);
        var sm1 = Assert.IsType<SpikeMonitorSpec>(m[1]);
        Assert.Equal("inh", sm1.Population);
        Assert.Equal([0, 1], sm1.Neurons!);
        var state = Assert.IsType<StateMonitorSpec>(m[2]);
        Assert.Equal("exc", state.Population);
        Assert.Equal(["v", "I_ex"], state.Variables);
        Assert.Equal([0, 1], state.Neurons!);
        Near(1, state.Interval);
        var state2 = Assert.IsType<StateMonitorSpec>(m[3]);
        Near(0.1, state2.Interval); // defaults to dt
        Assert.Null(state2.Neurons);
        var rate = Assert.IsType<RateMonitorSpec>(m[4]);
        Assert.Equal("exc", rate.Population);
        Near(1, rate.Bin);
    }

    [Fact]
    public void DefaultsWhenOptionalKeysAreLeftOut()
    {
        var spec = Ok(Valid);
        Assert.Equal(1UL, spec.Simulation.Seed);
        Assert.Equal(0, spec.Simulation.Threads);
        Assert.False(spec.Populations[0].PreciseSpikeTimes);
        Assert.Empty(spec.Populations[1].Parameters);
        Assert.Empty(spec.Populations[1].Initial);
        Near(new ConstantValue(0), spec.Projections[1].Delay);
        Assert.True(spec.Projections[0].Connector.AllowAutapses);
        var poisson = Assert.IsType<PoissonInputSpec>(spec.Inputs[0]);
        Assert.Equal(1, poisson.Count);
        Assert.Null(poisson.Neurons);
        Assert.Null(spec.Monitors[0].Neurons);
    }

    [Fact]
    public void VariantChosenByTheCallerOverridesTheFile()
    {
        Near(new ConstantValue(1.62), Ok(Valid).Projections[0].Weight);
        Near(new ConstantValue(3), Ok(Valid, "strong").Projections[0].Weight);
    }

    [Fact]
    public void DefaultVariantNamedInTheFileIsApplied()
    {
        var toml = "variant = \"strong\"\n" + Valid;
        Near(new ConstantValue(3), Ok(toml).Projections[0].Weight);
    }

    [Fact]
    public void VariantsReachNestedFieldsAndTheSimulation()
    {
        var toml = Valid + """

            "simulation.duration" = "2 s"
            "populations.exc.parameters.tau_m" = "10 ms"
            "populations.inh.parameters.t_ref" = "1 ms"
            "projections.ie.connector.p" = 0.3
            "inputs.ext.rate" = "5 Hz"
            "monitors.0.neurons" = [1, 2]
            [variants.dotted]
            projections.ee.delay = { uniform = ["1 ms", "3 ms"] }
            """;
        var spec = Ok(toml, "strong");
        Near(2000, spec.Simulation.Duration);
        Near(10, spec.Populations[0].Parameters["tau_m"]);
        Near(1, spec.Populations[1].Parameters["t_ref"]);
        Assert.Equal(new FixedProbabilityConnector(0.3), spec.Projections[1].Connector);
        Near(5, Assert.IsType<PoissonInputSpec>(spec.Inputs[0]).Rate);
        Assert.Equal([1, 2], spec.Monitors[0].Neurons!);

        // Unquoted dotted keys in a variant are the same paths.
        Near(new UniformValue(1, 3), Ok(toml, "dotted").Projections[0].Delay);
    }
}
