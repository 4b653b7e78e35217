using Spiking.Build;
using Spiking.Description;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>
/// Issue 20, "Every bad input gets exit 2 and one clear message": option values in the user's words
/// and bounded, options that cannot apply to a saved model refused by name, files recognised by their
/// content, problems capped, networks past memory refused before they are allocated.
/// </summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData("--seed", "abc", "--seed expects a whole number from 0 to 18446744073709551615; got 'abc'")]
    [InlineData("--seed", "-1", "--seed expects a whole number")]
    [InlineData("--threads", "100000", "--threads expects a whole number from 0 to")]
    [InlineData("--scale", "1e9", "--scale expects a positive number, at most 1000")]
    [InlineData("--scale", "nan", "--scale expects a positive number")]
    [InlineData("--duration", "1e300", "--duration expects a time from 0 to")]
    [InlineData("--duration", "inf", "--duration expects a time")]
    public void Numeric_options_are_bounded_and_named_in_the_users_words(string option, string value, string message)
    {
        var (code, stdout, err) = RunCli("run", RepoPaths.Model("cuba.toml"), "--out", P("o.h5"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.DoesNotContain("System.", err);
        Assert.DoesNotContain("building", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void The_thread_bound_follows_the_machine()
    {
        int max = Math.Clamp(4 * Environment.ProcessorCount, 16, NetworkValidator.MaxThreads);
        Assert.Equal(2, RunCli("run", RepoPaths.Model("cuba.toml"), "--threads", (max + 1).ToString(), "--out", P("o.h5")).Code);
        var (code, _, err) = RunCli("run", RepoPaths.Model("cuba.toml"), "--threads", max.ToString(), "--duration", "5 ms", "--out", P("o.h5"), "--quiet");
        Assert.True(code == 0, err);
    }

    [Theory]
    [InlineData("--seed", "7")]
    [InlineData("--scale", "0.5")]
    [InlineData("--mode", "event")]
    [InlineData("--variant", "generative")]
    public void A_saved_model_refuses_options_that_cannot_apply_by_name(string option, string value)
    {
        var (code, _, err) = RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--duration", "300 ms", "--out", P("a.h5"), "--save-trained", P("t.h5"), "--quiet");
        Assert.True(code == 0, err);
        (code, _, err) = RunCli("run", P("t.h5"), option, value, "--out", P("b.h5"));
        Assert.Equal(2, code);
        Assert.Contains($"{option} {value} cannot apply", err);
        Assert.DoesNotContain("Parameter", err);
        Assert.False(File.Exists(P("b.h5")));
    }

    [Fact]
    public void An_hdf5_file_given_as_a_model_is_named_for_what_it_is_in_one_line()
    {
        var (code, _, err) = RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--duration", "300 ms", "--out", P("results.h5"), "--save-trained", P("trained.h5"), "--quiet");
        Assert.True(code == 0, err);
        foreach (var (args, expected) in new (string[], string)[]
        {
            (["run", P("results.h5")], "HDF5 output of 'spiking run'"),
            (["validate", P("results.h5")], "HDF5 output of 'spiking run'"),
            (["validate", P("trained.h5")], "saved trained model"),
        })
        {
            (code, _, err) = RunCli(args);
            Assert.Equal(2, code);
            Assert.Contains(expected, err);
            Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void The_hdf5_signature_is_recognised_at_offset_0()
    {
        File.WriteAllBytes(P("x.toml"), [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
        Assert.True(Spiking.IO.Files.FileContent.IsHdf5(P("x.toml")));
        File.WriteAllBytes(P("y.toml"), [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a]);
        Assert.False(Spiking.IO.Files.FileContent.IsHdf5(P("y.toml")));
    }

    [Fact]
    public void Binary_and_non_utf8_model_files_give_one_message_with_the_place()
    {
        File.WriteAllBytes(P("latin1.toml"), [.. "[simulation]\n# caf"u8.ToArray(), 0xE9, (byte)'\n']);
        var (code, _, err) = RunCli("validate", P("latin1.toml"));
        Assert.Equal(2, code);
        Assert.Contains("not UTF-8 text (byte 0xE9 at line 2, column 6", err);
        var garbage = new byte[10000];
        new System.Random(3).NextBytes(garbage);
        File.WriteAllBytes(P("garbage.toml"), garbage);
        (code, _, err) = RunCli("run", P("garbage.toml"), "--out", P("g.h5"));
        Assert.Equal(2, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(P("g.h5")));
    }

    [Fact]
    public void Many_problems_are_capped_at_20_with_a_count_of_the_rest()
    {
        var text = "[simulation]\ndt = \"0.1 ms\"\nduration = \"10 ms\"\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"[[populations]]\nname = \"p{i}\"\nmodel = \"lif_cuba\"\nsize = -1\n"));
        File.WriteAllText(P("many.toml"), text);
        var (code, _, err) = RunCli("validate", P("many.toml"));
        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(22, lines.Length); // the header, 20 problems, the count
        Assert.Contains("(50 problems)", lines[0]);
        Assert.Contains("... and 30 more", lines[^1]);
    }

    [Fact]
    public void A_network_that_cannot_fit_is_refused_before_allocation_with_the_estimate()
    {
        // 10^8 neurons with 10^5 inputs each: 10^13 synapses, at least 100 TB.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "broken", "valid.toml"))
            .Replace("size = 100", "size = 100000000").Replace("{ kind = \"fixed_probability\", p = 0.1 }", "{ kind = \"fixed_indegree\", k = 100000, allow_multapses = true }");
        File.WriteAllText(P("huge.toml"), text);
        long allocated = GC.GetTotalAllocatedBytes();
        var (code, stdout, err) = RunCli("run", P("huge.toml"), "--out", P("h.h5"));
        Assert.True(GC.GetTotalAllocatedBytes() - allocated < 200_000_000, "allocated before refusing");
        Assert.Equal(2, code);
        Assert.Contains("projection 'ee' (exc to exc) would hold about 1e13 synapses", err);
        Assert.Contains("100 TB", err);
        Assert.DoesNotContain("building", stdout);
    }

    /// <summary>The estimate counts what the builder draws: exact for deterministic connectors, the mean for random ones.</summary>
    [Theory]
    [InlineData("{ kind = \"fixed_probability\", p = 0.1 }", 0.05)]
    [InlineData("{ kind = \"fixed_indegree\", k = 30 }", 0)]
    [InlineData("{ kind = \"fixed_outdegree\", k = 30 }", 0)]
    [InlineData("{ kind = \"fixed_total_number\", n = 2500 }", 0)]
    [InlineData("\"all_to_all\"", 0.02)] // autapses are dropped: 100 of 10,000
    [InlineData("\"one_to_one\"", 1.0)] // one_to_one onto itself is all autapses
    public void The_synapse_estimate_matches_the_built_network(string connector, double tolerance)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "broken", "valid.toml"))
            .Replace("{ kind = \"fixed_probability\", p = 0.1 }", connector);
        var spec = Spiking.IO.ModelFiles.ModelFileReader.Parse(text, "estimate.toml");
        double expected = NetworkSize.ExpectedSynapses(spec)[0]!.Value;
        long built = Spiking.Engine.Network.Build(spec).SynapseCount;
        Assert.True(Math.Abs(built - expected) <= tolerance * expected, $"estimated {expected}, built {built}");
    }

    [Fact]
    public void Networks_past_the_memory_given_are_refused_and_small_ones_pass()
    {
        var spec = Spiking.IO.ModelFiles.ModelFileReader.Read(RepoPaths.Model("brunel.toml"));
        double bytes = NetworkSize.EstimateBytes(spec);
        // Brunel: 12,500 neurons with in-degree 1000 + 250: 15,625,000 synapses, 10 bytes each.
        Assert.Equal(15_625_000 * NetworkSize.BytesPerSynapse + 12_500 * NetworkSize.BytesPerNeuron, bytes);
        Assert.Empty(NetworkSize.Check(spec, (long)(bytes * 2)));
        var refusal = Assert.Single(NetworkSize.Check(spec, (long)(bytes / 2)));
        Assert.Equal("network", refusal.Path);
    }
}
