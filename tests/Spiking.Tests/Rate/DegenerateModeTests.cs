using ReservoirModes;
using Spiking.Readouts;

namespace Spiking.Tests.Rate;

/// <summary>
/// The degenerate-mode claim of the rate issue, on the shared example (examples/ReservoirModes): the
/// echo state network and the liquid state machine are the same description with other units, built
/// from the same connector objects, read out by the same readout type, and both learn the task.
/// </summary>
public class DegenerateModeTests
{
    [Fact]
    public void Esn_and_lsm_share_connectors_readout_type_and_task_and_both_learn_it()
    {
        var esnSpec = Reservoir.Spec(ReservoirUnits.Esn);
        var lsmSpec = Reservoir.Spec(ReservoirUnits.Lsm);
        Assert.Same(esnSpec.Projections[0].Connector, lsmSpec.Projections[0].Connector);
        Assert.Same(esnSpec.Projections[1].Connector, lsmSpec.Projections[1].Connector);
        Assert.Equal(esnSpec.Readouts.Select(r => (r.Name, r.Target, r.Shift)), lsmSpec.Readouts.Select(r => (r.Name, r.Target, r.Shift)));
        Assert.Same(esnSpec.Series.Single(), lsmSpec.Series.Single());

        var (esn, esnResult) = Reservoir.Run(ReservoirUnits.Esn);
        var (lsm, lsmResult) = Reservoir.Run(ReservoirUnits.Lsm);
        using (esn)
        using (lsm)
        {
            Assert.True(esn.Network.Populations[1].Model.IsRate);
            Assert.False(lsm.Network.Populations[1].Model.IsRate);
            Assert.All(esn.Readouts.Concat(lsm.Readouts), r => Assert.IsType<LinearReadout>(r));
            Assert.Equal(esn.Readouts[0].GetType(), lsm.Readouts[0].GetType());
            // Both learn: the ESN nearly exactly, the spiking reservoir far better than chance (NRMSE 1).
            Assert.All(esnResult.Readouts, s => Assert.True(s.TestNrmse < 0.01, $"{s}"));
            Assert.All(lsmResult.Readouts, s => Assert.True(s.TestNrmse < 0.5, $"{s}"));
        }
    }
}
