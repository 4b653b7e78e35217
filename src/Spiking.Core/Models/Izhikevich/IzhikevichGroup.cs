namespace Spiking.Models;

/// <summary>
/// An <see cref="IzhikevichModel"/> population: the generic kernel loop, and u = b·v derived from the
/// initial v (at creation, and again after initial values were drawn unless u was given).
/// </summary>
internal sealed class IzhikevichGroup : KernelGroup<IzhikevichKernel>
{
    private readonly double[] _v, _u;
    private readonly double _b;

    public IzhikevichGroup(IzhikevichModel model, int size, ParameterReader p, double dt) : base(model, size, new IzhikevichKernel(p, dt))
    {
        _v = Variable("v"); _u = Variable("u");
        _b = p["b"];
        for (int i = 0; i < size; i++) _u[i] = _b * _v[i];
    }

    public override void OnInitialised(IReadOnlySet<string> given)
    {
        if (!given.Contains("u"))
            for (int i = 0; i < Size; i++) _u[i] = _b * _v[i];
    }
}
