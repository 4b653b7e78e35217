using Spiking.Cli;
using Spiking.Gpu;
using PureHDF;
using Spiking.IO.Hdf5;
using Spiking.Tests.Core;
using static Spiking.Tests.Core.CliRun;

namespace Spiking.Tests.Gpu;

/// <summary>
/// <c>spiking run --backend</c>: unknown names, absent devices, auto, and a run on ILGPU's CPU
/// accelerator whose file matches the CPU backend's. Device presence is pinned through
/// <see cref="DeviceBackends.PresenceOverride"/> so the answers do not depend on the machine; the
/// tests that set it live in this one class, which xunit runs sequentially.
/// </summary>
public sealed class DeviceCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-gpu-cli-").FullName;

    public DeviceCliTests() => DeviceBackends.PresenceOverride = b => b is DeviceBackend.Cpu or DeviceBackend.IlgpuCpu;

    public void Dispose()
    {
        DeviceBackends.PresenceOverride = null;
        Directory.Delete(_dir, recursive: true);
    }

    private string Model(string extra = "")
    {
        var path = Path.Combine(_dir, "small.toml");
        File.WriteAllText(path, """
            [simulation]
            dt = "0.1 ms"
            duration = "20 ms"
            seed = 5

            [[populations]]
            name = "exc"
            model = "lif_cuba"
            size = 60
            [populations.initial]
            v = { uniform = ["-70 mV", "-50 mV"] }

            [[projections]]
            name = "ee"
            pre = "exc"
            post = "exc"
            receptor = "exc"
            connector = { kind = "fixed_probability", p = 0.1 }
            weight = "0.5 mV"
            delay = "1 ms"

            [[inputs]]
            kind = "poisson"
            name = "drive"
            target = "exc"
            receptor = "exc"
            rate = "8000 Hz"
            weight = "1 mV"

            [[monitors]]
            kind = "spikes"
            population = "exc"

            [[monitors]]
            kind = "rate"
            population = "exc"
            bin = "5 ms"

            """ + extra);
        return path;
    }

    [Fact]
    public void An_unknown_backend_is_bad_input_listing_the_backends()
    {
        var (code, _, err) = RunCli("run", Model(), "--out", Path.Combine(_dir, "x.h5"), "--backend", "tpu", "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("--backend tpu", err);
        Assert.Contains("cpu, cuda, opencl, ilgpu-cpu, auto", err);
        Assert.False(File.Exists(Path.Combine(_dir, "x.h5")));
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("opencl")]
    public void An_absent_device_is_bad_input_saying_none_was_found(string backend)
    {
        var (code, _, err) = RunCli("run", Model(), "--out", Path.Combine(_dir, "x.h5"), "--backend", backend, "--quiet");
        Assert.Equal(2, code);
        Assert.Contains($"no {backend} device found", err);
    }

    [Fact]
    public void Auto_without_cuda_runs_on_the_cpu_and_says_so()
    {
        string file = Path.Combine(_dir, "auto.h5");
        var (code, stdout, err) = RunCli("run", Model(), "--out", file, "--backend", "auto");
        Assert.True(code == 0, err);
        Assert.Contains("backend auto: no CUDA device found, using cpu", stdout);
        using var h5 = Hdf5Results.Open(file);
        Assert.Equal("cpu", h5.GetString("backend"));
    }

    [Fact]
    public void Auto_takes_cuda_when_present()
    {
        DeviceBackends.PresenceOverride = _ => true;
        Assert.Equal(DeviceBackend.Cuda, DeviceBackends.Resolve(DeviceBackend.Auto));
        DeviceBackends.PresenceOverride = b => b != DeviceBackend.Cuda;
        Assert.Equal(DeviceBackend.Cpu, DeviceBackends.Resolve(DeviceBackend.Auto));
    }

    /// <summary>A results file's predictions of readout <paramref name="name"/>, as bits.</summary>
    private static long[] Predictions(string file, string name)
    {
        using var h5 = H5File.OpenRead(file);
        return h5.Group("readouts").Group(name).Dataset("prediction").Read<double[]>().Select(BitConverter.DoubleToInt64Bits).ToArray();
    }

    [Fact]
    public void A_trained_model_saved_on_the_cpu_accelerator_equals_the_cpu_backends_and_runs_again_on_both_with_its_readout()
    {
        // Trained on each backend, the saved weights are the same bits; the saved model run again on the
        // device predicts with the saved readout (it used to start from zero weights there), as on the CPU.
        string model = RepoPaths.Model("esn-mackey-glass.toml");
        string cpuTrained = Path.Combine(_dir, "cpu-trained.h5"), devTrained = Path.Combine(_dir, "dev-trained.h5");
        var a = RunCli("run", model, "--out", Path.Combine(_dir, "a.h5"), "--save-trained", cpuTrained, "--quiet");
        Assert.True(a.Code == 0, a.Err);
        var b = RunCli("run", model, "--out", Path.Combine(_dir, "b.h5"), "--save-trained", devTrained, "--backend", "ilgpu-cpu", "--quiet");
        Assert.True(b.Code == 0, b.Err);
        using (var c = H5File.OpenRead(cpuTrained))
        using (var d = H5File.OpenRead(devTrained))
        {
            Assert.Equal(c.Group("readouts").Group("predict").Dataset("weights").Read<double[,]>(), d.Group("readouts").Group("predict").Dataset("weights").Read<double[,]>());
            foreach (var name in new[] { "input_weights", "recurrent" })
                Assert.Equal(c.Group("projections").Group(name).Dataset("w").Read<float[]>(), d.Group("projections").Group(name).Dataset("w").Read<float[]>());
        }
        string onCpu = Path.Combine(_dir, "again-cpu.h5"), onDevice = Path.Combine(_dir, "again-dev.h5");
        var x = RunCli("run", devTrained, "--out", onCpu, "--duration", "300 ms");
        Assert.True(x.Code == 0, x.Err);
        var y = RunCli("run", devTrained, "--out", onDevice, "--duration", "300 ms", "--backend", "ilgpu-cpu");
        Assert.True(y.Code == 0, y.Err);
        Assert.Equal(Predictions(onCpu, "predict"), Predictions(onDevice, "predict"));
        string line = y.Out.Split('\n').Single(l => l.StartsWith("readout predict"));
        Assert.Equal(x.Out.Split('\n').Single(l => l.StartsWith("readout predict")), line);
        double nrmse = double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"NRMSE ([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(nrmse < 0.2, line);
    }

    [Fact]
    public void Ilgpu_cpu_writes_the_cpu_backends_spikes_and_rates_with_its_backend_name()
    {
        string cpuFile = Path.Combine(_dir, "cpu.h5"), devFile = Path.Combine(_dir, "dev.h5");
        var model = Model();
        var cpu = RunCli("run", model, "--out", cpuFile, "--quiet");
        Assert.True(cpu.Code == 0, cpu.Err);
        var dev = RunCli("run", model, "--out", devFile, "--backend", "ilgpu-cpu", "--quiet");
        Assert.True(dev.Code == 0, dev.Err);
        using var a = Hdf5Results.Open(cpuFile);
        using var b = Hdf5Results.Open(devFile);
        Assert.Equal("ilgpu-cpu", b.GetString("backend"));
        Assert.Equal("step", b.GetString("mode"));
        var sa = a.ReadSpikes("exc"); var sb = b.ReadSpikes("exc");
        Assert.True(sa.Count > 20, $"the model must fire: {sa.Count} spikes");
        Assert.Equal(sa.NodeIds, sb.NodeIds);
        Assert.Equal(sa.Timestamps, sb.Timestamps);
        Assert.Equal(a.ReadRates("exc").Rate, b.ReadRates("exc").Rate);
    }

    [Fact]
    public void A_feature_the_device_does_not_run_is_bad_input_naming_it()
    {
        var model = Model();
        var (code, _, err) = RunCli("run", model, "--out", Path.Combine(_dir, "x.h5"), "--backend", "ilgpu-cpu", "--mode", "event", "--quiet");
        Assert.True(code == 2, err);
        Assert.Contains("the device backend does not run: event-driven mode (--mode event)", err);
        Assert.False(File.Exists(Path.Combine(_dir, "x.h5")));
    }

    [Fact]
    public void Device_sums_on_the_cpu_backend_are_bad_input()
    {
        var (code, _, err) = RunCli("run", Model(), "--out", Path.Combine(_dir, "x.h5"), "--device-sums", "fast", "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("--device-sums applies to device backends", err);
    }
}
