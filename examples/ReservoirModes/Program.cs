using ReservoirModes;

// The same reservoir task with an echo state network and a liquid state machine: only the units change.
Console.WriteLine("Recall of the Mackey-Glass input k steps back (1 step = 1 ms), 300-unit reservoirs, ridge readouts");
Console.WriteLine($"{"reservoir",-6} {"model",-10} {"k",3} {"test NRMSE",11} {"train NRMSE",12}");
foreach (var (name, units) in new[] { ("ESN", ReservoirUnits.Esn), ("LSM", ReservoirUnits.Lsm) })
{
    var (sim, result) = Reservoir.Run(units);
    using (sim)
        foreach (var score in result.Readouts)
            Console.WriteLine($"{name,-6} {units.Model,-10} {score.Name[7..],3} {score.TestNrmse,11:F4} {score.TrainNrmse,12:F4}");
}
