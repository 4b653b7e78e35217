using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>
/// Issue 20, "Data safety": an output never replaces the model or another input (compared with links
/// resolved), and every destination is checked before the network is built.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-safety-").FullName;
    private readonly string _cwd = Environment.CurrentDirectory;

    public void Dispose()
    {
        Environment.CurrentDirectory = _cwd;
        Directory.Delete(_dir, recursive: true);
    }

    private string P(string name) => Path.Combine(_dir, name);

    private string SaveTrained()
    {
        var (code, _, err) = RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--duration", "300 ms", "--out", P("first.h5"), "--save-trained", P("trained.h5"), "--quiet");
        Assert.True(code == 0, err);
        return P("trained.h5");
    }

    [Fact]
    public void Running_a_saved_model_by_its_default_name_keeps_the_model_and_writes_NAME_run_h5()
    {
        string trained = SaveTrained();
        var bytes = File.ReadAllBytes(trained);
        Environment.CurrentDirectory = _dir; // the default output lands here, named after the model: trained.h5
        var (code, stdout, err) = RunCli("run", "trained.h5");
        Assert.True(code == 0, err);
        Assert.Equal(bytes, File.ReadAllBytes(trained));
        Assert.Contains("trained.run.h5", stdout);
        Assert.Contains("is the model file this run reads", stdout);
        Assert.True(File.Exists(P("trained.run.h5")));
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--save-trained")]
    public void An_output_named_like_the_model_is_refused_and_the_model_is_untouched(string option)
    {
        string trained = SaveTrained();
        var bytes = File.ReadAllBytes(trained);
        var (code, stdout, err) = RunCli("run", trained, option, trained);
        Assert.Equal(2, code);
        Assert.Contains(option, err);
        Assert.Contains("this run reads", err);
        Assert.DoesNotContain("building", stdout);
        Assert.Equal(bytes, File.ReadAllBytes(trained));
    }

    [Fact]
    public void Another_name_of_the_model_through_a_link_is_recognised()
    {
        string trained = SaveTrained();
        var bytes = File.ReadAllBytes(trained);
        File.CreateSymbolicLink(P("alias.h5"), trained);
        Directory.CreateSymbolicLink(P("linked-dir"), _dir);
        foreach (var output in new[] { P("alias.h5"), Path.Combine(P("linked-dir"), "trained.h5"), Path.Combine(_dir, ".", "trained.h5") })
        {
            var (code, _, err) = RunCli("run", trained, "--out", output);
            Assert.True(code == 2, $"{output}: {code} {err}");
            Assert.Contains("this run reads", err);
        }
        Assert.Equal(bytes, File.ReadAllBytes(trained));
    }

    [Fact]
    public void The_output_and_the_saved_model_cannot_be_one_file()
    {
        var (code, _, err) = RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--out", P("x.h5"), "--save-trained", P("x.h5"));
        Assert.Equal(2, code);
        Assert.Contains("--save-trained", err);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Writing_over_the_model_file_is_refused()
    {
        string model = P("net.toml");
        File.Copy(RepoPaths.Model("cuba.toml"), model);
        string text = File.ReadAllText(model);
        var (code, _, err) = RunCli("run", model, "--out", model);
        Assert.Equal(2, code);
        Assert.Contains("model file", err);
        Assert.Equal(text, File.ReadAllText(model));
    }

    [Fact]
    public void An_existing_file_that_is_not_an_output_is_not_replaced()
    {
        File.WriteAllText(P("notes.txt"), "mine");
        string trained = SaveTrained();
        var bytes = File.ReadAllBytes(trained);
        foreach (var target in new[] { P("notes.txt"), trained })
        {
            var (code, _, err) = RunCli("run", RepoPaths.Model("cuba.toml"), "--out", target, "--duration", "10 ms");
            Assert.True(code == 2, err);
            Assert.Contains("refusing to replace", err);
        }
        Assert.Equal("mine", File.ReadAllText(P("notes.txt")));
        Assert.Equal(bytes, File.ReadAllBytes(trained));
    }

    [Theory]
    [InlineData("{dir}", "names a directory")]
    [InlineData("{dir}/", "names a directory")]
    [InlineData("{dir}/missing/out.h5", "does not exist")]
    [InlineData("{dir}/file.txt/out.h5", "is a file, not a folder")]
    [InlineData("/proc/spiking-out.h5", "cannot write in /proc")]
    public void A_bad_destination_is_refused_before_the_network_is_built(string output, string reason)
    {
        File.WriteAllText(P("file.txt"), "x");
        output = output.Replace("{dir}", _dir);
        var before = Directory.GetFileSystemEntries(_dir);
        var (code, stdout, err) = RunCli("run", RepoPaths.Model("brunel.toml"), "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(output, err);
        Assert.Contains(reason, err);
        Assert.DoesNotContain("building", stdout); // refused before the 12,500 neurons were built
        Assert.Equal(before, Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_plot_never_replaces_the_file_it_reads()
    {
        SaveTrained();
        var bytes = File.ReadAllBytes(P("first.h5"));
        var (code, _, err) = RunCli("plot", P("first.h5"), "--raster", P("first.h5"));
        Assert.Equal(2, code);
        Assert.Contains("--raster", err);
        Assert.Equal(bytes, File.ReadAllBytes(P("first.h5")));
    }
}
