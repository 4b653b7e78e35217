using Spiking.Engine;
using Spiking.Cpu;
using Spiking.IO.ModelFiles;

namespace Spiking.Tests.Core;

/// <summary>The step loop allocates nothing: memory per run does not grow with the number of steps.</summary>
public class AllocationTests
{
    [Fact]
    public void A_step_allocates_nothing()
    {
        var spec = ModelFileReader.Read(RepoPaths.Model("brunel.toml"));
        spec = spec with
        {
            Populations = spec.Populations.Select(p => p with { Size = p.Size / 10 }).ToArray(),
            Projections = spec.Projections.Select(p => p with { Connector = new Description.FixedInDegreeConnector(p.Pre == "exc" ? 100 : 25) }).ToArray(),
            Monitors = [],
        };
        using var sim = new Simulator(Network.Build(spec, threads: 1), threads: 1);
        sim.Run(50); // JIT and first-touch out of the way
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = sim.Run(200); // 2000 steps with Poisson input, delays and spikes
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(result.SpikeCounts.Sum() > 1000, "the network must fire");
        // What a Run call allocates once (its result record and arrays), independent of the steps.
        Assert.True(allocated < 4096, $"{allocated} bytes allocated over 2000 steps");
    }
}
