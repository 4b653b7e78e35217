using Spiking.Description;

namespace Spiking.Tests.Core;

/// <summary>Networks written with the C# description API, for tests that do not go through model files.</summary>
internal static class TestNetworks
{
    /// <summary>Brette et al. 2007 benchmark 2 (CUBA), the parameters of models/cuba.toml.</summary>
    public static NetworkSpec Cuba(ulong seed, double duration, int threads = 0)
    {
        var p = new Dictionary<string, double>
        {
            ["tau_m"] = 20, ["E_L"] = -49, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 5, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 10,
        };
        var init = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(-60, -50) };
        var fp = new FixedProbabilityConnector(0.02);
        return new NetworkSpec(
            new SimulationSpec(0.1, duration, seed, threads),
            [new PopulationSpec("exc", "lif_cuba", 3200, p, init), new PopulationSpec("inh", "lif_cuba", 800, p, init)],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory),
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(1.62), new ConstantValue(0), SynapseSign.Excitatory),
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
                new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(-9), new ConstantValue(0), SynapseSign.Inhibitory),
            ],
            [],
            [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh")]);
    }

    /// <summary>Brette et al. 2007 benchmark 1 (COBA), the parameters of models/coba.toml.</summary>
    public static NetworkSpec Coba(ulong seed, double duration, int threads = 0)
    {
        var p = new Dictionary<string, double>
        {
            ["C_m"] = 200, ["g_L"] = 10, ["E_L"] = -60, ["V_th"] = -50, ["V_reset"] = -60, ["t_ref"] = 5,
            ["E_ex"] = 0, ["E_in"] = -80, ["tau_syn_ex"] = 5, ["tau_syn_in"] = 10,
        };
        var init = new Dictionary<string, ValueSpec>
        {
            ["v"] = new UniformValue(-60, -50), ["g_ex"] = new NormalValue(40, 15), ["g_in"] = new NormalValue(200, 120),
        };
        var fp = new FixedProbabilityConnector(0.02);
        return new NetworkSpec(
            new SimulationSpec(0.1, duration, seed, threads),
            [new PopulationSpec("exc", "lif_coba", 3200, p, init), new PopulationSpec("inh", "lif_coba", 800, p, init)],
            [
                new ProjectionSpec("ee", "exc", "exc", "exc", fp, new ConstantValue(6), new ConstantValue(0), SynapseSign.Excitatory),
                new ProjectionSpec("ei", "exc", "inh", "exc", fp, new ConstantValue(6), new ConstantValue(0), SynapseSign.Excitatory),
                new ProjectionSpec("ie", "inh", "exc", "inh", fp, new ConstantValue(67), new ConstantValue(0), SynapseSign.Inhibitory),
                new ProjectionSpec("ii", "inh", "inh", "inh", fp, new ConstantValue(67), new ConstantValue(0), SynapseSign.Inhibitory),
            ],
            [],
            [new SpikeMonitorSpec("exc"), new SpikeMonitorSpec("inh")]);
    }
}
