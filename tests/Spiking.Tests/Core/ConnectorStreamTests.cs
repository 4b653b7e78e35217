using System.Security.Cryptography;
using Spiking.Connectors;
using Spiking.Description;

namespace Spiking.Tests.Core;

/// <summary>
/// Every built-in connector draws exactly the table it drew before connectors became plugins: the
/// hashes below were written by the switch-based builder (commit 9642fcc), so a change of stream,
/// draw order or row order shows here before it shows in a simulation.
/// </summary>
public class ConnectorStreamTests
{
    private static readonly Dictionary<string, ConnectorSpec> Connectors = new()
    {
        ["all_to_all"] = new AllToAllConnector(),
        ["all_to_all-noself"] = new AllToAllConnector { AllowAutapses = false },
        ["one_to_one"] = new OneToOneConnector(),
        ["fixed_probability"] = new FixedProbabilityConnector(0.1),
        ["fixed_probability-noself"] = new FixedProbabilityConnector(0.1) { AllowAutapses = false },
        ["fixed_probability-1"] = new FixedProbabilityConnector(1) { AllowAutapses = false },
        ["fixed_indegree"] = new FixedInDegreeConnector(7) { AllowAutapses = false },
        ["fixed_indegree-multapses"] = new FixedInDegreeConnector(7, AllowMultapses: true),
        ["fixed_outdegree"] = new FixedOutDegreeConnector(9) { AllowAutapses = false },
        ["fixed_outdegree-multapses"] = new FixedOutDegreeConnector(9, AllowMultapses: true) { AllowAutapses = false },
        ["fixed_total_number"] = new FixedTotalNumberConnector(900) { AllowAutapses = false },
        ["explicit"] = new ExplicitConnector([3, 1, 3, 0, 59], [2, 2, 0, 5, 1]),
        ["distance"] = new DistanceConnector(0.5, 2),
        ["distance-noself"] = new DistanceConnector(0.9, 1.5) { AllowAutapses = false },
    };

    private static readonly Dictionary<string, string> Expected = new()
    {
        ["all_to_all/const"] = "EC93B3CBECFBB5BB",
        ["all_to_all/drawn"] = "013BDBA3B2F8B2AE",
        ["all_to_all-noself/const"] = "C4995913EE6724C6",
        ["all_to_all-noself/drawn"] = "06AFA3944D9EE1E8",
        ["one_to_one/const"] = "E716D441C730EDCC",
        ["one_to_one/drawn"] = "81B77A523CF6A005",
        ["fixed_probability/const"] = "0BD66FA8CDC7F924",
        ["fixed_probability/drawn"] = "611BACA6E65B81FC",
        ["fixed_probability-noself/const"] = "99830514D2E2041A",
        ["fixed_probability-noself/drawn"] = "D4D3DE6E51E01617",
        ["fixed_probability-1/const"] = "C4995913EE6724C6",
        ["fixed_probability-1/drawn"] = "06AFA3944D9EE1E8",
        ["fixed_indegree/const"] = "820EE7CD667464EA",
        ["fixed_indegree/drawn"] = "9642EDF143EB2524",
        ["fixed_indegree-multapses/const"] = "0E9851AE78BAEF21",
        ["fixed_indegree-multapses/drawn"] = "4480C6C0EB1FD817",
        ["fixed_outdegree/const"] = "F3890A54CC770509",
        ["fixed_outdegree/drawn"] = "9C83926D0D365AAD",
        ["fixed_outdegree-multapses/const"] = "5E0D3F630E0100AD",
        ["fixed_outdegree-multapses/drawn"] = "598C80675DA827B0",
        ["fixed_total_number/const"] = "37019B562B5874AB",
        ["fixed_total_number/drawn"] = "B7DAC3AE37F577C0",
        ["explicit/const"] = "60927E72ACCCB3AF",
        ["explicit/drawn"] = "F57E53467F2D4C0A",
        ["distance/const"] = "C22CB033983A9F64",
        ["distance/drawn"] = "AF6F6A20E025CA28",
        ["distance-noself/const"] = "2FBA70B2B2B7CD8C",
        ["distance-noself/drawn"] = "DC49E3C159BD9ADD",
    };

    private static string Hash(ConnectorSpec connector, bool constantDelay, int threads)
    {
        const int n = 60;
        var positions = new double[3 * n];
        var grid = new GridLayout(5, 4, 3);
        for (int i = 0; i < n; i++) (positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]) = grid.Site(i);
        var spec = new ProjectionSpec("p", "a", "a", "exc", connector, new UniformValue(-0.5, 1),
            constantDelay ? new ConstantValue(1.5) : new UniformValue(0.1, 3));
        var c = new ConnectivityBuilder.Context(spec, 2, n, n, true, 0.1, false, false, 1234, threads)
        {
            KeepDelayMs = true, PrePositions = positions, PostPositions = positions,
        };
        var t = ConnectivityBuilder.Build(c);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add<T>(T[] a) where T : unmanaged => h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
        Add(t.RowStart); Add(t.Target); Add(t.Weight); Add(t.Delay); Add(t.DelayMs);
        Add([(double)t.ConstantDelay, t.ConstantDelayMs]);
        return Convert.ToHexString(h.GetHashAndReset())[..16];
    }

    [Fact]
    public void Every_connector_draws_the_table_it_drew_before()
    {
        foreach (var (name, connector) in Connectors)
            foreach (bool constantDelay in new[] { true, false })
            {
                string key = $"{name}/{(constantDelay ? "const" : "drawn")}";
                string one = Hash(connector, constantDelay, threads: 1);
                Assert.True(Expected[key] == one, $"{key}: {one}, expected {Expected[key]}");
                Assert.Equal(one, Hash(connector, constantDelay, threads: 3));
            }
    }
}
