using LevBacktest.Cli;

if (args is ["run", ..])
{
    // The market data is the first thing `levbt run` waits for: the Parquet read path (native library, P/Invoke stubs,
    // generic code ReadyToRun images cannot hold) is warmed on the idle core while the command line and the spec are parsed.
    LevBacktest.Core.Data.ReadPathWarmUp.Start();
}

return CommandLineApplication.Run(args, Console.Out, Console.Error);
