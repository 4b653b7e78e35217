using Spiking.Build;
using Spiking.Description;
using Spiking.IO.ModelFiles;

namespace Spiking.Tests.ModelFiles;

/// <summary>Every model file under models/ parses and validates as it is shipped.</summary>
public class ShippedModelTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Spiking.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Spiking.sln above {AppContext.BaseDirectory}");
    }

    private static string ModelPath(string name) => Path.Combine(RepoRoot(), "models", name);

    public static TheoryData<string> ModelFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot(), "models"), "*.toml").Order(StringComparer.Ordinal))
            if (!BgRnnFileReader.DeclaresFile(f)) // bgG-RNN model files ([bgrnn]) are not networks: tests/Spiking.Tests/Motion reads them
                data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void ParsesAndValidates(string file)
    {
        var spec = ModelFileReader.Read(ModelPath(file));
        Assert.Empty(NetworkValidator.Validate(spec));
        Assert.Equal(File.ReadAllText(ModelPath(file)), spec.SourceText);
        Assert.NotEmpty(spec.Populations);
        Assert.True(spec.Monitors.Count + spec.Readouts.Count > 0, "a shipped model records something");
    }

    [Fact]
    public void TheThreeBenchmarksAreShipped()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "models"), "*.toml").Select(Path.GetFileName).ToList();
        Assert.Contains("cuba.toml", files);
        Assert.Contains("coba.toml", files);
        Assert.Contains("brunel.toml", files);
    }

    [Fact]
    public void CubaIsBrian2sExample()
    {
        var spec = ModelFileReader.Read(ModelPath("cuba.toml"));
        Assert.Equal([("exc", 3200), ("inh", 800)], spec.Populations.Select(p => (p.Name, p.Size)).ToArray());
        foreach (var p in spec.Populations)
        {
            Assert.Equal("lif_cuba", p.Model);
            Assert.Equal(20, p.Parameters["tau_m"]);
            Assert.Equal(-49, p.Parameters["E_L"]);
            Assert.Equal(-50, p.Parameters["V_th"]);
            Assert.Equal(-60, p.Parameters["V_reset"]);
            Assert.Equal(5, p.Parameters["t_ref"]);
            Assert.Equal(new UniformValue(-60, -50), p.Initial["v"]);
        }
        Assert.Equal(4, spec.Projections.Count);
        foreach (var pr in spec.Projections)
        {
            Assert.Equal(new FixedProbabilityConnector(0.02), pr.Connector);
            Assert.Equal(new ConstantValue(0), pr.Delay);
            Assert.Equal(pr.Pre == "exc" ? new ConstantValue(1.62) : new ConstantValue(-9), pr.Weight);
            Assert.Equal(pr.Pre, pr.Receptor == "exc" ? "exc" : "inh");
        }
        Assert.Equal((0.1, 1000.0, 1UL), (spec.Simulation.Dt, spec.Simulation.Duration, spec.Simulation.Seed));
    }

    [Fact]
    public void CobaIsBenchmarkOne()
    {
        var spec = ModelFileReader.Read(ModelPath("coba.toml"));
        foreach (var p in spec.Populations)
        {
            Assert.Equal("lif_coba", p.Model);
            Assert.Equal(200, p.Parameters["C_m"]);
            Assert.Equal(10, p.Parameters["g_L"]);
            Assert.Equal(-80, p.Parameters["E_in"]);
            Assert.Equal(new NormalValue(40, 15), p.Initial["g_ex"]);
            Assert.Equal(new NormalValue(200, 120), p.Initial["g_in"]);
        }
        foreach (var pr in spec.Projections)
            Assert.Equal(pr.Pre == "exc" ? new ConstantValue(6) : new ConstantValue(67), pr.Weight);
    }

    [Theory]
    [InlineData(null, -0.5, 20.0)]   // default variant AI: g = 5, eta = 2
    [InlineData("AI", -0.5, 20.0)]
    [InlineData("SR", -0.3, 20.0)]   // g = 3, eta = 2
    [InlineData("SI_fast", -0.6, 40.0)] // g = 6, eta = 4
    [InlineData("SI_slow", -0.45, 9.0)] // g = 4.5, eta = 0.9
    public void BrunelVariants(string? variant, double inhibitoryWeight, double externalRate)
    {
        var spec = ModelFileReader.Read(ModelPath("brunel.toml"), variant);
        Assert.Equal([("exc", 10000), ("inh", 2500)], spec.Populations.Select(p => (p.Name, p.Size)).ToArray());
        foreach (var pr in spec.Projections)
        {
            Assert.Equal(new ConstantValue(1.5), pr.Delay);
            if (pr.Pre == "exc")
            {
                Assert.Equal(new FixedInDegreeConnector(1000), pr.Connector);
                Assert.Equal(new ConstantValue(0.1), pr.Weight);
            }
            else
            {
                Assert.Equal(new FixedInDegreeConnector(250), pr.Connector);
                var w = Assert.IsType<ConstantValue>(pr.Weight);
                Assert.Equal(inhibitoryWeight, w.Value, 12);
            }
        }
        Assert.Equal(2, spec.Inputs.Count);
        foreach (var input in spec.Inputs)
        {
            var p = Assert.IsType<PoissonInputSpec>(input);
            Assert.Equal(1000, p.Count);
            Assert.Equal(0.1, p.Weight, 12);
            Assert.Equal(externalRate, p.Rate, 12);
        }
    }
}
