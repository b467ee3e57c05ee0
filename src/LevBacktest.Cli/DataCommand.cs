using System.CommandLine;

namespace LevBacktest.Cli;

/// <summary>The <c>levbt data</c> command group: inspect, print, validate, import and generate data files.</summary>
internal static class DataCommand
{
    /// <summary>Builds <c>levbt data</c> and its sub-commands.</summary>
    public static Command Create()
    {
        var data = new Command("data", "Inspect, print, validate, import and generate market-data files.");
        data.Subcommands.Add(DataCatCommand.Create());
        data.Subcommands.Add(DataInspectCommand.Create());
        data.Subcommands.Add(DataValidateCommand.Create());
        data.Subcommands.Add(DataImportBinanceCommand.Create());
        data.Subcommands.Add(DataSynthCommand.Create());
        return data;
    }
}
