using System.Text.RegularExpressions;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Cli;

/// <summary>The model file shown in README.md ("Model files") is one a reader can copy: it validates, with its variant too, and fires.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_model_example_validates_and_fires_with_and_without_its_variant()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var block = Regex.Match(readme, @"## Model files.*?```toml\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ```toml block under '## Model files'");
        string dir = Path.Combine(Path.GetTempPath(), "spiking-readme-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string model = Path.Combine(dir, "example.toml");
            File.WriteAllText(model, block.Groups[1].Value);
            var variant = Regex.Match(block.Groups[1].Value, @"^\[variants\.(\w+)\]", RegexOptions.Multiline);
            Assert.True(variant.Success, "the README example shows no [variants.NAME] table");
            foreach (var args in new[] { Array.Empty<string>(), new[] { "--variant", variant.Groups[1].Value } })
            {
                var (vc, _, verr) = RunCli(["validate", model, .. args]);
                Assert.True(vc == 0, $"validate {string.Join(' ', args)}: {verr}");
                // 200 ms is enough to see it fire (it settles at 21 Hz, 60 Hz with its variant, over 1 s).
                var (rc, rout, rerr) = RunCli(["run", model, "--duration", "200 ms", "--out", Path.Combine(dir, "example.h5"), .. args]);
                Assert.True(rc == 0, $"run {string.Join(' ', args)}: {rerr}");
                var row = Regex.Match(rout, @"^exc\s+lif_cuba\s+[\d,]+\s+([\d,]+)\s", RegexOptions.Multiline);
                Assert.True(row.Success, rout);
                Assert.True(long.Parse(row.Groups[1].Value.Replace(",", "")) > 1000, $"the example hardly fires: {row.Value}");
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
