using System.Diagnostics.CodeAnalysis;

namespace Spiking.IO.Hdf5;

/// <summary>
/// The <c>sorting</c> attribute of a SONATA spike population (<c>/spikes/POP</c>), written as an HDF5
/// enum over uint8 with exactly these member names and values, as the SONATA developer guide's spike
/// file section and libsonata's reader define it (a string attribute, which bmtk writes, libsonata cannot read).
/// </summary>
[SuppressMessage("Naming", "CA1707", Justification = "the member names are the enum's names in the file, as SONATA spells them")]
public enum SpikeSorting : byte
{
    /// <summary>No order can be assumed.</summary>
    none = 0,
    /// <summary>Sorted by node id, then by time.</summary>
    by_id = 1,
    /// <summary>Sorted by time; spikes of the same time in any order.</summary>
    by_time = 2,
}
