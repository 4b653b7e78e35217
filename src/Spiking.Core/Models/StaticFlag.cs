namespace Spiking.Models;

/// <summary>
/// A compile-time boolean for generic specialisation: a loop written as <c>Update&lt;TCurrent&gt;</c>
/// is compiled once per flag combination, and tests of <c>TCurrent.On</c> vanish from the machine code.
/// </summary>
internal interface IStaticFlag
{
    static abstract bool On { get; }
}

/// <summary>The flag that is set.</summary>
internal readonly struct Yes : IStaticFlag
{
    public static bool On => true;
}

/// <summary>The flag that is clear.</summary>
internal readonly struct No : IStaticFlag
{
    public static bool On => false;
}
