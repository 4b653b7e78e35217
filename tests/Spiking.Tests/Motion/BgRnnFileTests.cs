using Spiking.Cli;
using Spiking.Description;
using Spiking.IO.ModelFiles;
using Spiking.Motion;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Motion;

/// <summary>The [bgrnn] model file: the shipped one reads as written; each kind of bad input is reported with file, line, field and expectation, exits 2 and writes nothing.</summary>
public sealed class BgRnnFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-bgrnn-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Small = """
        [bgrnn]
        units = 16
        tau_x = 3.0
        train_sequences = 30

        [bgrnn.stimuli]
        size = 8
        frames = 6
        """;

    [Fact]
    public void The_shipped_model_reads_as_written()
    {
        var path = RepoPaths.Model("bgrnn-motion.toml");
        Assert.True(BgRnnFileReader.DeclaresFile(path));
        var spec = BgRnnFileReader.Read(path);
        Assert.Equal(128, spec.Training.Units);
        Assert.Equal(3.0, spec.Training.TauX);
        Assert.Equal(0.3, spec.Training.TauY);
        Assert.Equal(0.2, spec.Training.LearningRateR);
        Assert.Equal(6000, spec.Training.TrainSequences);
        Assert.Equal(64, spec.DsiSequences);
        Assert.Equal(16, spec.Stimuli.Size);
        Assert.Equal([0.5, 1.0, 2.0], spec.Stimuli.Speeds);
        Assert.Equal([MotionStimulusKind.Bar, MotionStimulusKind.Grating, MotionStimulusKind.Dots], spec.Stimuli.Kinds);
        Assert.Equal((1UL, 2UL), (spec.StimulusSeed, spec.HeldOutSeed));
        Assert.True(spec.Baseline);
        Assert.Null(spec.MovieFile);
        var (code, stdout, _) = RunCli("validate", path);
        Assert.Equal(0, code);
        Assert.Contains("valid", stdout);
    }

    [Fact]
    public void The_variants_are_off_by_default_and_read_when_given()
    {
        var path = Path.Combine(_dir, "variant.toml");
        File.WriteAllText(path, Small);
        Assert.False(BgRnnFileReader.Read(path).Training.NonNegativeAmplitudes);
        Assert.Equal(1, BgRnnFileReader.Read(path).Training.FeatureCopies);
        File.WriteAllText(path, Small.Replace("units = 16", "units = 16\nnon_negative = true\nfeature_copies = 2"));
        var spec = BgRnnFileReader.Read(path);
        Assert.True(spec.Training.NonNegativeAmplitudes);
        Assert.Equal(2, spec.Training.FeatureCopies);
    }

    [Fact]
    public void Network_model_files_are_not_taken_for_bgrnn_files()
    {
        foreach (var f in new[] { "cuba.toml", "coba.toml", "brunel.toml", "lsm.toml" })
            Assert.False(BgRnnFileReader.DeclaresFile(RepoPaths.Model(f)), f);
    }

    [Theory]
    [InlineData("units = 16", "units = 16\nunits_typo = 3", 3, "bgrnn.units_typo", "unknown key")]                       // unknown key
    [InlineData("tau_x = 3.0", "tau_x = \"3\"", 3, "bgrnn.tau_x", "expected a number > 0, got the string \"3\"")]        // wrong type
    [InlineData("tau_x = 3.0", "tau_x = -1.0", 3, "bgrnn.tau_x", "expected a number > 0, got -1")]                       // out of range
    [InlineData("units = 16", "units = 0", 2, "bgrnn.units", "expected an integer in [1, 16384], got 0")]                // out of range
    [InlineData("units = 16", "units = 2.5", 2, "bgrnn.units", "expected an integer in [1, 16384], got the number 2.5")] // wrong type
    [InlineData("size = 8", "size = 8\nkinds = [\"bar\", \"spiral\"]", 8, "bgrnn.stimuli.kinds", "got an element the string \"spiral\"")]
    [InlineData("frames = 6", "frames = 6\nspeeds = [1.0, -2.0]", 9, "bgrnn.stimuli.speeds", "numbers >= 0")]
    [InlineData("frames = 6", "frames = 6\ndirections = 7", 9, "bgrnn.stimuli.directions", "even number")]
    [InlineData("units = 16", "units = 16\nfeature_copies = 3", 3, "bgrnn.feature_copies", "divisor of units (16), got 3")]
    public void Bad_input_names_file_line_field_and_expectation_and_exits_2(string find, string replace, int line, string field, string expectation)
    {
        var path = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(path, Small.Replace(find, replace));
        var e = Assert.Throws<SpecException>(() => BgRnnFileReader.Read(path));
        var err = Assert.Single(e.Errors);
        Assert.Equal(field, err.Path);
        Assert.Equal(line, err.Line);
        Assert.Contains(expectation, err.Message);

        var output = Path.Combine(_dir, "bad.h5");
        var (code, _, stderr) = RunCli("run", path, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains(path, stderr);
        Assert.Contains($"line {line}", stderr);
        Assert.Contains(field, stderr);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_dir, "bad.h5*"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_unknown_tables_too()
    {
        var path = Path.Combine(_dir, "many.toml");
        File.WriteAllText(path, Small.Replace("units = 16", "units = -1").Replace("size = 8", "size = true") + "\n[simulation]\ndt = 0.1\n");
        var e = Assert.Throws<SpecException>(() => BgRnnFileReader.Read(path));
        Assert.Equal(["bgrnn.units", "bgrnn.stimuli.size", "simulation"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void A_toml_syntax_error_is_reported_with_its_line()
    {
        var path = Path.Combine(_dir, "syntax.toml");
        File.WriteAllText(path, Small.Replace("tau_x = 3.0", "tau_x = = 3"));
        var (code, _, stderr) = RunCli("run", path, "--out", Path.Combine(_dir, "s.h5"));
        Assert.Equal(2, code);
        Assert.Contains("line 3", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "s.h5")));
    }

    [Fact]
    public void Options_that_do_not_apply_to_a_bgrnn_run_exit_2()
    {
        var path = Path.Combine(_dir, "small.toml");
        File.WriteAllText(path, Small);
        var (code, _, stderr) = RunCli("run", path, "--out", Path.Combine(_dir, "d.h5"), "--duration", "10 ms");
        Assert.Equal(2, code);
        Assert.Contains("--duration", stderr);
    }
}
