using Spiking.Engine;
using Spiking.IO.Hdf5;

namespace Spiking.Tests.Hdf5;

/// <summary>The HDF5 output read back with <see cref="Hdf5Results"/> holds exactly what a <see cref="MemoryRecorder"/> of the same run holds.</summary>
public class Hdf5RecorderTests(Hdf5TestRun run) : IClassFixture<Hdf5TestRun>
{
    private static long[] Bits(IEnumerable<double> xs) => xs.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void The_test_network_is_active()
    {
        Assert.True(run.Memory.SpikeTimes[Hdf5TestRun.SpikesExc].Count > 200, $"exc fired {run.Memory.SpikeTimes[Hdf5TestRun.SpikesExc].Count} spikes");
        Assert.True(run.Memory.SpikeTimes[Hdf5TestRun.SpikesInh].Count > 20, $"inh fired {run.Memory.SpikeTimes[Hdf5TestRun.SpikesInh].Count} spikes");
        Assert.True(run.Memory.SpikeTimes[Hdf5TestRun.SpikesPrecise].Count > 50, $"precise fired {run.Memory.SpikeTimes[Hdf5TestRun.SpikesPrecise].Count} spikes");
        Assert.Empty(run.Memory.SpikeTimes[Hdf5TestRun.SpikesSilent]);
    }

    [Fact]
    public void Spikes_read_back_equal_the_memory_recorder()
    {
        using var file = Hdf5Results.Open(run.Path);
        Assert.Equal(["exc", "inh", "silent", "precise"], file.SpikePopulations);
        foreach (var (monitor, pop, size, recorded) in new[]
                 {
                     (Hdf5TestRun.SpikesExc, "exc", 80, 80), (Hdf5TestRun.SpikesInh, "inh", 20, Hdf5TestRun.InhRecorded.Length),
                     (Hdf5TestRun.SpikesSilent, "silent", 5, 5),
                 })
        {
            var s = file.ReadSpikes(pop);
            Assert.Equal(Bits(run.Memory.SpikeTimes[monitor]), Bits(s.Timestamps));
            Assert.Equal(run.Memory.SpikeIds[monitor].Select(i => (ulong)i), s.NodeIds);
            Assert.Equal("by_time", s.Sorting);
            Assert.Equal(size, s.NeuronCount);
            Assert.Equal(recorded, s.RecordedCount);
        }
        Assert.All(file.ReadSpikes("inh").NodeIds, id => Assert.Contains((int)id, Hdf5TestRun.InhRecorded));
    }

    [Fact]
    public void Precise_spike_times_are_stored_sorted_by_time_and_hold_the_same_spikes()
    {
        using var file = Hdf5Results.Open(run.Path);
        var s = file.ReadSpikes("precise");
        Assert.Equal("by_time", s.Sorting);
        for (int k = 1; k < s.Count; k++)
            Assert.True(s.Timestamps[k] > s.Timestamps[k - 1] || (s.Timestamps[k] == s.Timestamps[k - 1] && s.NodeIds[k] > s.NodeIds[k - 1]), $"spike {k} is out of order");
        var expected = run.Memory.SpikeTimes[Hdf5TestRun.SpikesPrecise].Zip(run.Memory.SpikeIds[Hdf5TestRun.SpikesPrecise])
            .OrderBy(x => x.First).ThenBy(x => x.Second).ToArray();
        Assert.Equal(Bits(expected.Select(x => x.First)), Bits(s.Timestamps));
        Assert.Equal(expected.Select(x => (ulong)x.Second), s.NodeIds);
        // The engine's order within a step (by id) is not time order here, so sorting did something.
        Assert.NotEqual(Bits(run.Memory.SpikeTimes[Hdf5TestRun.SpikesPrecise]), Bits(s.Timestamps));
    }

    [Fact]
    public void State_read_back_equals_the_memory_recorder()
    {
        using var file = Hdf5Results.Open(run.Path);
        Assert.Equal(["exc", "inh"], file.StatePopulations);

        var exc = file.ReadState("exc");
        Assert.Equal(Bits(run.Memory.StateTimes[Hdf5TestRun.StateExc]), Bits(exc.Time));
        Assert.Equal(400, exc.Time.Length); // 200 ms every 0.5 ms
        Assert.Equal(Hdf5TestRun.StateExcNeurons.Select(i => (ulong)i), exc.NodeIds);
        Assert.Equal(["I_ex", "v"], exc.Variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("mV", exc.Units["v"]);
        Assert.Equal("mV", exc.Units["I_ex"]);
        Assert.Equal(0.5, exc.Interval);
        int n = Hdf5TestRun.StateExcNeurons.Length;
        for (int t = 0; t < exc.Time.Length; t++)
        {
            var sample = run.Memory.StateValues[Hdf5TestRun.StateExc][t];
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(sample[i]), BitConverter.DoubleToInt64Bits(exc.Variables["v"][t, i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(sample[n + i]), BitConverter.DoubleToInt64Bits(exc.Variables["I_ex"][t, i]));
            }
        }

        var inh = file.ReadState("inh");
        Assert.Equal(200, inh.Time.Length);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ulong)i), inh.NodeIds);
        var v = inh.Variables["v"];
        Assert.Equal([200, 20], new[] { v.GetLength(0), v.GetLength(1) });
        for (int t = 0; t < 200; t++)
            for (int i = 0; i < 20; i++)
                Assert.Equal(run.Memory.StateValues[Hdf5TestRun.StateInh][t][i], v[t, i]);
    }

    [Fact]
    public void Rates_read_back_equal_the_memory_recorder()
    {
        using var file = Hdf5Results.Open(run.Path);
        Assert.Equal(["exc", "inh"], file.RatePopulations);
        var exc = file.ReadRates("exc");
        Assert.Equal(5, exc.Bin);
        Assert.Equal(40, exc.Time.Length);
        Assert.Equal(Bits(run.Memory.RateTimes[Hdf5TestRun.RateExc]), Bits(exc.Time));
        Assert.Equal(Bits(run.Memory.Rates[Hdf5TestRun.RateExc]), Bits(exc.Rate));
        var inh = file.ReadRates("inh");
        Assert.Equal(67, inh.Time.Length); // 66 whole 3 ms bins and a partly filled last one
        Assert.Equal(Bits(run.Memory.RateTimes[Hdf5TestRun.RateInh]), Bits(inh.Time));
        Assert.Equal(Bits(run.Memory.Rates[Hdf5TestRun.RateInh]), Bits(inh.Rate));
    }

    [Fact]
    public void Root_attributes_describe_the_run()
    {
        using var file = Hdf5Results.Open(run.Path);
        Assert.Equal("spiking", file.GetString("software"));
        Assert.Equal(Hdf5TestRun.Version, file.GetString("software_version"));
        Assert.Equal(2024UL, file.GetUInt64("seed"));
        Assert.IsType<ulong>(file.Attributes["seed"]);
        Assert.Equal(0.1, file.GetDouble("dt"));
        Assert.Equal(run.Result.SimulatedTime, file.GetDouble("duration"));
        Assert.Equal(0.0, file.GetDouble("t_start"));
        Assert.Equal(2000L, file.GetInt64("steps"));
        Assert.Equal("cpu", file.GetString("backend"));
        Assert.Equal("step", file.GetString("mode"));
        Assert.Equal(Hdf5TestRun.Threads, file.GetInt64("threads"));
        Assert.Equal(run.Result.WallSeconds, file.GetDouble("wall_time_s"));
        Assert.Equal(run.Network.BuildSeconds, file.GetDouble("build_time_s"));
        Assert.Equal(Hdf5TestRun.ModelText, file.GetString("model"));
        Assert.Equal("models/test.toml", file.GetString("model_file"));
        Assert.Equal(run.Network.NeuronCount, file.GetInt64("n_neurons"));
        Assert.Equal(run.Network.SynapseCount, file.GetInt64("n_synapses"));
        Assert.Equal(run.Result.SynapticEvents, file.GetInt64("synaptic_events"));
        var created = DateTime.Parse(file.GetString("created")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(created, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.EndsWith("Z", file.GetString("created"));
    }

    [Fact]
    public void Nothing_but_the_output_is_left_next_to_it()
        => Assert.Equal([run.Path], System.IO.Directory.GetFileSystemEntries(run.Directory));
}
