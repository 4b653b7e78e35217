using Spiking.Cli;

namespace Spiking.Tests.Lsm;

/// <summary><c>spiking plot FILE.csv --curve PNG</c>.</summary>
public class CurvePlotTests
{
    [Fact]
    public void Plot_curve_draws_the_columns_of_a_csv_to_png()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spiking-curve-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string csv = Path.Combine(dir, "acc.csv"), png = Path.Combine(dir, "acc.png");
            File.WriteAllText(csv, "# accuracy against jitter\njitter (ms),accuracy 2 templates,accuracy 4 templates\n0,1,0.98\n4,0.97,0.9\n8,0.9,\n16,0.7,0.5\n");
            var stderr = new StringWriter();
            int code = Program.Invoke(["plot", csv, "--curve", png], new StringWriter(), stderr);
            Assert.True(code == 0, $"exit {code}: {stderr}");
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

            File.WriteAllText(csv, "x,y\n1,2\n2,abc\n");
            stderr = new StringWriter();
            Assert.Equal(2, Program.Invoke(["plot", csv, "--curve", png], new StringWriter(), stderr));
            Assert.Contains("line 3", stderr.ToString());
            Assert.Equal(2, Program.Invoke(["plot", csv], new StringWriter(), new StringWriter()));
        }
        finally { Directory.Delete(dir, true); }
    }
}
