using System.Runtime.CompilerServices;

namespace Spiking.Tests;

/// <summary>The test assembly's composition root: every engine joins the catalog before any test runs, as the CLI's run command does.</summary>
internal static class Engines
{
    [ModuleInitializer]
    internal static void Register()
    {
        Spiking.Cpu.CpuEngine.Register();
        Spiking.EventDriven.EventEngine.Register();
        Spiking.Gpu.DeviceEngine.Register();
    }
}
