using Spiking.Models;

namespace Spiking.Gpu;

// The four models the device runs. Each reads its inputs exactly as the CPU group's scalar loop does
// (ring input added to the state, then cleared; the current only when present) and calls the same math.

/// <summary>lif_cuba on the grid.</summary>
internal readonly struct LifCubaDevice(LifCubaConstants c) : IDeviceNeuronModel
{
    private readonly LifCubaConstants _c = c;

    public bool Step(int i, DeviceNeuronState s)
    {
        double ie = s.X1[i], ii = s.X2[i];
        if (s.HasEx != 0) { ie += s.InEx[i]; s.InEx[i] = 0; }
        if (s.HasIn != 0) { ii += s.InIn[i]; s.InIn[i] = 0; }
        double vinf = s.HasCur != 0 ? LifCubaMath.RestingPotential(_c, s.Iext[i]) : _c.El;
        double v = s.X0[i];
        int refr = s.Refr[i];
        bool fired = LifCubaMath.Step(_c, ref v, ref ie, ref ii, vinf, ref refr);
        s.X0[i] = v; s.X1[i] = ie; s.X2[i] = ii; s.Refr[i] = refr;
        return fired;
    }
}

/// <summary>lif_delta on the grid.</summary>
internal readonly struct LifDeltaDevice(LifDeltaConstants c) : IDeviceNeuronModel
{
    private readonly LifDeltaConstants _c = c;

    public bool Step(int i, DeviceNeuronState s)
    {
        double jump = s.InEx[i] + s.InIn[i];
        s.InEx[i] = 0; s.InIn[i] = 0;
        double v = s.X0[i];
        int refr = s.Refr[i];
        bool fired = LifDeltaMath.Step(_c, ref v, jump, s.Iext[i], ref refr);
        s.X0[i] = v; s.Refr[i] = refr;
        return fired;
    }
}

/// <summary>lif_coba, with the device's exponential.</summary>
internal readonly struct LifCobaDevice(LifCobaConstants c) : IDeviceNeuronModel
{
    private readonly LifCobaConstants _c = c;

    public bool Step(int i, DeviceNeuronState s)
    {
        double ge = s.X1[i], gi = s.X2[i];
        if (s.HasEx != 0) { ge += s.InEx[i]; s.InEx[i] = 0; }
        if (s.HasIn != 0) { gi += s.InIn[i]; s.InIn[i] = 0; }
        double v = s.X0[i];
        int refr = s.Refr[i];
        bool current = s.HasCur != 0;
        bool fired = LifCobaMath.Step(_c, ref v, ref ge, ref gi, current, current ? s.Iext[i] : 0, ref refr, default(StandardExponential));
        s.X0[i] = v; s.X1[i] = ge; s.X2[i] = gi; s.Refr[i] = refr;
        return fired;
    }
}

/// <summary>izhikevich.</summary>
internal readonly struct IzhikevichDevice(IzhikevichConstants c) : IDeviceNeuronModel
{
    private readonly IzhikevichConstants _c = c;

    public bool Step(int i, DeviceNeuronState s)
    {
        double w = s.InEx[i] + s.InIn[i];
        s.InEx[i] = 0; s.InIn[i] = 0;
        double v = s.X0[i], u = s.X1[i], isyn = s.X2[i];
        bool fired = IzhikevichMath.Step(_c, ref v, ref u, ref isyn, w, s.Iext[i]);
        s.X0[i] = v; s.X1[i] = u; s.X2[i] = isyn;
        return fired;
    }
}
