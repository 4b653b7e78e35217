using Spiking.Numerics;
namespace Spiking.Models;

/// <summary>A <see cref="RateTanhModel"/> population: the generic kernel loop, r the output, and r = tanh(x) derived from the initial x unless r was given.</summary>
internal sealed class RateTanhGroup : KernelGroup<RateTanhKernel>
{
    private readonly double[] _x, _r;

    public RateTanhGroup(RateTanhModel model, int size, ParameterReader p, double dt) : base(model, size, new RateTanhKernel(p, dt), output: "r")
    {
        _x = Variable("x"); _r = Variable("r");
    }

    public override void OnInitialised(IReadOnlySet<string> given)
    {
        if (!given.Contains("r"))
            for (int i = 0; i < _x.Length; i++) _r[i] = PortableMath.Tanh(_x[i]);
    }
}
